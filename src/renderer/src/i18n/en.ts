// English, the texts of the app's chrome and of Home: loaded before the first render. The texts of the
// other screens are in en.screens.ts, loaded with those screens (i18n/load.ts). A section both use (common,
// seats) has its Home part here and the rest there.
export const en = {
  lang: 'en',
  app: {
    skipToContent: 'Skip to main content',
    overview: 'Overview',
    history: 'History',
    mainNav: 'Main',
    demoBadge: 'Demo',
    demoNote: 'Demo mode: the app talks to the built-in local license server.',
    loading: 'Loading…',
    version: 'Version {version}',
    copyDiagnostics: 'Copy diagnostics for support',
    supportTitle: 'For support',
    supportIntro: 'Support may ask for these details when you contact them.',
    diagnosticsCopied: 'Diagnostics copied to the clipboard.'
  },
  common: {
    copy: 'Copy',
    copied: 'Copied',
    copiedAnnounce: 'Copied to the clipboard.',
    copyNamed: 'Copy {what}',
    // the words of errors.internal.title: announced when copying fails (Home's first load carries no error texts)
    copyFailed: 'Unexpected problem'
  },
  states: {
    inactive: 'Not activated',
    active: 'Active',
    'offline-deactivated': 'Waiting for the vendor',
    'offline-activation-pending': 'Offline activation pending'
  },
  home: {
    title: 'Your licenses',
    intro: 'Activate a product on this computer, or release its seat so you can use it on another one.',
    hardwareLabel: "This computer's hardware ID",
    hardwareHelp: 'Read from: {source}',
    hardwareUnavailable: "This computer's hardware ID could not be read.",
    products: 'Products',
    keyHint: 'License key',
    username: 'User',
    licenseType: 'License type',
    licenseTypes: { trial: 'Trial', perpetual: 'Perpetual', subscription: 'Subscription', 'time-limited': 'Time-limited', consumption: 'Consumption' } as Record<string, string>,
    expires: 'Expires',
    never: 'Never',
    activatedAt: 'Activated',
    activatedOffline: 'activated offline',
    activate: 'Activate',
    activateNamed: 'Activate {product}',
    deactivate: 'Deactivate',
    deactivateNamed: 'Deactivate {product}',
    completeActivation: 'Finish offline activation',
    completeActivationNamed: 'Finish offline activation of {product}',
    showLastRelease: 'Show release proof',
    showLastReleaseNamed: 'Show release proof of {product}',
    waitingUpload: 'Waiting for the upload',
    waitingCode: 'Waiting for the code',
    releasedNoteFile:
      "Removed from this computer on {date}. The seat stays taken until the deactivation file is uploaded to the vendor's portal. License Desk cannot see the vendor's side: the portal's answer to the upload tells you the seat is free.",
    releasedNoteCode:
      "Removed from this computer on {date}. The seat stays taken until the deactivation code is entered on the vendor's release page or sent to support. License Desk cannot see the vendor's side: the release page's answer tells you the seat is free.",
    pendingNote: 'A request file was saved. Import the activation file (.lic) to finish.',
    noProducts: 'No products are configured.',
    stateMoved: 'License Desk found its saved state damaged and started afresh. The damaged file was kept at {path}: send it to support if a license is missing here.',
    clockOff: "This computer's clock is off by about {minutes} minutes. Set the time automatically in your system settings to avoid errors."
  },
  seats: {
    homeTitle: 'Seats',
    release: 'Release a license that is on this computer',
    releaseHelp: 'For a seat License Desk did not take itself (the product activated it), or the seat of a computer that is lost, wiped or broken.',
    releaseOther: 'Release the seat of another computer',
    receipts: 'Seat receipts',
    seatsLabel: 'Seats',
    inUse: '{inUse} of {max} in use',
    inUseOnly: '{inUse} in use',
    transfersLeft: '{left} transfers left',
    transfersMade: '{count} transfers so far',
    check: 'Check with the server',
    checkNamed: 'Check {product} with the server',
    checking: 'Asking the license server…',
    verdicts: {
      ok: "The server confirms this computer's seat.",
      gone: "The server no longer holds this computer's seat: it was released elsewhere, or the license was removed.",
      disabled: 'The server says this license is disabled.',
      expired: 'The server says this license has expired.',
      not_confirmed: "The server does not confirm this computer's seat."
    },
    serverSaid: 'The server said:',
    removeOffer: 'License Desk still keeps the record of this license. Remove it only if you no longer use {product} here.',
    remove: 'Remove from this computer',
    removeNamed: 'Remove {product} from this computer',
    removed: '{product} was removed from this computer.'
  },
  progress: {
    preparing: 'Preparing…',
    contacting: 'Contacting the license server…',
    retrying: 'No answer yet, trying again (attempt {attempt})…',
    retryingIn: 'No answer yet, trying again in {seconds} s (attempt {attempt})…',
    verifying: 'Checking the answer…',
    saving: 'Saving…',
    done: 'Finished.'
  }
}
