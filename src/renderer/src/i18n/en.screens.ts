// English, the texts of every screen but Home (Home's and the app chrome's are in en.ts): loaded with the
// other screens, never before the first render.
import type { ErrorCode, NextStep } from '@shared/errors'

export interface ErrorText {
  title: string
  explain: string
  next: string
}

/** A server's named refusal (LicenseSpring `code`): the title says what happened, in the user's words. */
export interface ReasonText {
  title: string
  explain: string
}

export const enScreens = {
  common: {
    back: 'Back',
    continue: 'Continue',
    cancel: 'Cancel',
    done: 'Back to overview',
    open: 'Open',
    required: 'Required',
    stepOf: 'Step {n} of {total}: {step}',
    stepWaiting: '(waiting for you)',
    steps: 'Progress',
    optional: 'optional'
  },
  flows: {
    method: 'Method',
    licenseKey: 'License key',
    account: 'Account',
    signIn: 'Company sign-in',
    activationKey: 'Activation key',
    done: 'Done',
    confirm: 'Confirm',
    result: 'Result',
    uploadFile: 'Upload the file',
    enterCode: 'Enter the code'
  },
  activate: {
    chooseTitle: 'How do you want to activate {product}?',
    online: 'Online',
    onlineHelp: 'This computer contacts the license server now. Takes a few seconds.',
    offline: 'Offline',
    offlineHelpLs: 'For computers without internet: you save a request file, upload it from another computer and bring back an activation file.',
    offlineHelpQlm: 'For computers without internet: you open an activation link on another device and type the computer key it shows.',
    methodLegend: 'Activation method',
    onlineTitle: 'Activate {product}',
    licenseKey: 'License key',
    licenseKeyHelp: 'You find it in your order confirmation, e.g. ABCD-EFGH-IJKL-MNOP.',
    activationKey: 'Activation key',
    activationKeyHelp: 'The key from your order confirmation.',
    username: 'E-mail or user name',
    password: 'Password',
    submit: 'Activate',
    submitting: 'Activating…',
    missingKey: 'Enter the license key.',
    missingActivationKey: 'Enter the activation key.',
    missingUsername: 'Enter your e-mail or user name.',
    missingPassword: 'Enter your password.',
    missingComputerKey: 'Enter the computer key.',
    formErrors: 'Please correct the highlighted fields.',
    doneTitle: '{product} is activated',
    doneText: 'The license is active on this computer. You can close License Desk.',
    clockNote: "The server reported that this computer's clock is off by about {minutes} minutes. The activation worked, but please set the time automatically.",
    lsOfflineTitle: 'Activate {product} offline',
    lsStep1: '1. Save a request file',
    lsStep1Help: 'The file identifies this computer and your license. It contains no password.',
    severalLicenses: 'Does this account hold several licenses of this product?',
    licenseId: 'License ID (optional)',
    licenseIdHelp:
      'Only for an account with several licenses: the number your vendor’s portal shows for the license this computer should use. Leave it empty to use the account’s license.',
    licenseIdInvalid: 'A license ID is a whole number, such as 2003.',
    lookUpOnline: 'If this computer can reach the internet, you can look your licenses up instead. The password is used for the look-up only; it is not saved or put in the file.',
    saveRequest: 'Save request file…',
    saving: 'Saving…',
    savedTo: 'Saved to',
    sha256: 'SHA-256',
    lsStep2: '2. Get the activation file',
    lsStep2Items: [
      'Copy the request file to a computer with internet access, for example with a USB stick.',
      "On that computer, open the vendor's portal and upload the request file.",
      'Download the activation file (.lic) the portal gives you and bring it back to this computer.'
    ],
    portal: 'Portal',
    openPortal: 'Open portal',
    lsStep3: '3. Import the activation file',
    importLic: 'Choose activation file…',
    importing: 'Importing…',
    dropHint: 'Or drop the .lic file anywhere on this window.',
    dropActive: 'Drop the file to import it',
    haveLic: 'I already have an activation file',
    qlmOfflineTitle: 'Activate {product} offline',
    qlmStep1: '1. Enter your activation key',
    getUrl: 'Create activation link',
    gettingUrl: 'Creating…',
    qlmStep2: '2. Open the link on another device',
    qlmStep2Help: 'Open this link on a phone or a computer with internet. It shows a computer key.',
    computerId: 'Computer ID',
    activationUrl: 'Activation link',
    qrAlt: 'QR code of the activation link',
    qlmStep3: '3. Enter the computer key',
    computerKey: 'Computer key',
    computerKeyHelp: 'Type it exactly as shown on the activation page.'
  },
  deactivate: {
    chooseTitle: 'How do you want to deactivate {product}?',
    methodLegend: 'Deactivation method',
    online: 'Online',
    onlineHelp: 'Releases the seat on the license server right now. This computer needs internet access.',
    offline: 'Offline',
    offlineHelpLs: 'For computers without internet: saves a file that you upload from another computer to release the seat.',
    offlineHelpQlm: 'For computers without internet: shows a code that you enter on the release page or send to support.',
    confirmTitle: 'Deactivate {product} on this computer?',
    confirmOnline: 'The license will be removed from this computer and its seat released on the license server. You can then activate {product} on another computer.',
    confirmOfflineLs:
      'The license will be removed from this computer right away and you will choose where to save a deactivation file. The seat stays taken until that file is uploaded to the portal.',
    confirmOfflineQlm:
      'The license will be removed from this computer right away and a deactivation code will be shown. The seat stays taken until the code is entered on the release page or sent to support.',
    confirmWarn: '{product} will stop working on this computer.',
    confirm: 'Deactivate',
    confirmSaveFile: 'Deactivate and save the file…',
    confirmShowCode: 'Deactivate and show the code',
    progressTitle: 'Deactivating {product}…',
    cancelled: 'Deactivation was cancelled. Check the overview for the current state of the license.',
    saveCancelled: 'No file was saved, so nothing was changed. You can try again.',
    doneTitle: '{product} is deactivated',
    doneText: 'The seat was released on the license server. You can now activate {product} on another computer.',
    alreadyReleased: 'The server had already released this seat, probably because an earlier attempt went through. Nothing else to do.'
  },
  seats: {
    fileLeadByKey:
      'To release the seat, upload this file to the portal from a computer with internet access. License Desk held no record of this seat, so nothing was removed here.',
    dvcLeadByKey: 'To release the seat, enter this code on the release page or send it to support. License Desk held no record of this seat, so nothing was removed here.',
    releaseTitle: 'Release a license seat',
    releaseLead: 'Use this when License Desk holds no record of the seat: the product activated the license itself, or the computer that holds the seat is lost, wiped or broken.',
    product: 'Product',
    whoseLegend: 'Whose seat',
    thisComputer: 'This computer',
    thisComputerHelp: "The product activated the license on this computer. License Desk computes this computer's ID the way the vendor's product does.",
    otherComputer: 'Another computer',
    otherComputerHelp: 'A computer that is lost, wiped or broken. Give its ID, or import its seat receipt.',
    oldId: "The other computer's ID",
    oldIdHelp: 'Type or paste it exactly, or import the seat receipt saved on that computer.',
    importReceipt: 'Import a seat receipt…',
    receiptLoaded: 'Seat receipt of {product}, activated {date} on {host}.',
    receiptUnknownHost: 'an unnamed computer',
    methodLegend: 'How',
    online: 'Online',
    onlineHelp: 'Releases the seat on the license server right now.',
    offline: 'Offline',
    offlineHelpLs: 'Saves a request file to upload at the portal from a computer with internet access.',
    offlineHelpQlm: 'Shows a code to enter on the release page or to send to support.',
    willLoseThis: 'This computer will lose its seat of {product}. Its ID: {id}',
    willLoseOther: 'The other computer will lose its seat of {product}. Its ID: {id}',
    idUnknown: "This computer's ID for {product} could not be computed.",
    submit: 'Release the seat',
    doneTitle: 'The seat of {product} is released',
    doneThis: 'The license server released the seat of this computer (ID {id}). {product} can now be activated elsewhere.',
    doneOther: 'The license server released the seat of the other computer (ID {id}). {product} can now be activated elsewhere.',
    alreadyReleased: 'The server had already released that seat.',
    idsTitle: "This computer's IDs by recipe",
    idsHelp:
      "If the server holds no seat under the ID sent, the vendor's product may compute it another way: the vendor sets the recipe in the profile, or IT staff give the ID with --hardware-id.",
    recipe: 'Recipe',
    noId: 'none',
    receiptsTitle: 'Seat receipts',
    receiptsLead:
      'License Desk keeps a receipt at every activation: the product, the masked key, the computer ID used and the date. Save one away from this computer: with it, the seat can be released from another computer if this one is lost.',
    receiptsEmpty: 'No seat receipts yet: one is kept at every activation.',
    save: 'Save…',
    saveNamed: 'Save the seat receipt of {product} from {date}',
    saved: 'Saved to {path}.',
    computerId: 'Computer ID',
    host: 'Computer name',
    activated: 'Activated',
    key: 'Key or user'
  },
  record: {
    fileTitle: 'One step left: upload the deactivation file',
    fileTitleSeen: 'Deactivation file',
    fileLead:
      'The license was removed from this computer, but the seat is still taken: it is released when this file is uploaded to the portal from a computer with internet access.',
    fileWaiting: "License Desk cannot see the vendor's side. The portal's answer after the upload tells you the seat is free; until then it counts as taken.",
    filePath: 'Saved file',
    showInFolder: 'Show in folder',
    stepsTitle: 'On the other computer',
    fileSteps: [
      'Copy the file to a computer with internet access, for example with a USB stick or a network share.',
      'Open the portal: {portal}',
      'Upload the file, or paste its content.',
      'The portal answers that the license is deactivated and shows the request ID {requestId}. The seat is then free: activate {product} on the new computer.'
    ],
    portalFallback: 'the vendor portal',
    copyPortal: 'Copy portal address',
    requestId: 'Request ID',
    savedAt: 'Saved',
    dvcTitle: 'One step left: enter the deactivation code',
    dvcTitleSeen: 'Deactivation code',
    dvcLead: 'The license was removed from this computer, but the seat is still taken: it is released when the code is entered on the release page or sent to support.',
    dvcWaiting: "License Desk cannot see the vendor's side. The release page's answer (or support's reply) tells you the seat is free; until then it counts as taken.",
    formTitle: 'What the release page asks for',
    formHelp: 'The release page asks for these three, in this order. Support needs the same.',
    activationKey: 'Activation key',
    activationKeyMissing: 'Your activation key is in your order confirmation.',
    code: 'Deactivation verification code',
    codeSpoken: 'Deactivation verification code, spelled out: {code}',
    validToday: 'Valid today only (until midnight, {date}).',
    validPast: 'Was valid on {date} only. If the seat is still taken, contact support.',
    computerId: 'Computer ID',
    qrTitle: 'Release with your phone',
    qrHelp: 'Scan the QR code to open the release page with the code already filled in.',
    qrAlt: 'QR code of the release page',
    selfHelpUrl: 'Release page',
    openSelfHelp: 'Open release page',
    emailSupport: 'E-mail support',
    emailHelp: 'Opens a prefilled e-mail with the product, computer ID, code and date.',
    createdAt: 'Created'
  },
  history: {
    title: 'History',
    caption: 'Offline deactivations',
    intro: 'Every offline deactivation leaves a file or a code. Open one to show it again.',
    empty: 'No offline deactivations yet.',
    product: 'Product',
    kind: 'Proof',
    date: 'Date',
    action: 'Action',
    file: 'Deactivation file',
    code: 'Code',
    show: 'Show',
    showNamed: 'Show {kind} for {product} from {date}'
  },
  error: {
    heading: 'Something went wrong',
    details: 'Technical details',
    serverSays: 'Message from the license server:',
    code: 'Error code: {code}',
    retry: 'Try again',
    goOffline: 'Continue offline',
    contactSupport: 'E-mail support',
    inputKept: 'What you entered is kept.',
    detailIssuer: 'Certificate issued by: {value}',
    detailProxy: 'Proxy: {value}',
    detailPageTitle: 'Page title: {value}',
    supportSubject: '{app}: {title} ({code})',
    supportBody:
      'Hello,\n\nI could not complete a license operation.\n\nProduct: {product}\nError: {code}\nMessage: {message}\nServer code: {serverCode}\nHardware ID: {hwid}\nApp version: {version}\n\nThank you.'
  },
  nextSteps: {
    retry: 'Try again.',
    retry_later: 'Wait a few minutes, then try again.',
    go_offline: 'Try again, or continue offline if this computer cannot reach the server.',
    fix_clock: "Set this computer's date and time automatically in the system settings, then try again.",
    fix_input: 'Check what you entered and try again.',
    contact_support: 'Contact support with the details of this error.',
    check_connection: 'Check the internet connection, then try again.',
    choose_other_folder: 'Choose another folder and try again.',
    ask_it: 'Ask your IT department, and pass on what this message says.',
    none: ''
  } satisfies Record<NextStep, string>,
  errors: {
    network_dns: {
      title: 'License server not found',
      explain: 'The server name could not be resolved. This computer may be offline or behind a restrictive network.',
      next: 'Check the connection or continue offline.'
    },
    network_refused: {
      title: 'License server refused the connection',
      explain: 'The server is reachable but is not accepting connections right now.',
      next: 'Try again later, or continue offline.'
    },
    network_reset: {
      title: 'Connection interrupted',
      explain: 'The connection to the license server was cut off before the answer arrived.',
      next: 'Try again; nothing was changed on this computer.'
    },
    network_timeout: {
      title: 'The license server did not answer',
      explain: 'No answer arrived in time. The network may be slow or blocked.',
      next: 'Try again, or continue offline.'
    },
    network_tls: {
      title: 'Secure connection failed',
      explain: "The server's certificate could not be verified. A proxy or firewall may be interfering.",
      next: 'Contact your IT department or support.'
    },
    network_failed: { title: 'No connection to the license server', explain: 'The request could not be sent.', next: 'Check the connection or continue offline.' },
    network_proxy_auth: {
      title: 'The proxy needs a sign-in',
      explain: "Your network's proxy server asks for a user name and password that License Desk was not given, or did not accept them.",
      next: 'Ask your IT department for proxy access, or continue offline.'
    },
    network_proxy_refused: {
      title: 'The proxy blocked the license server',
      explain: "Your network's proxy server would not connect to the license server.",
      next: "Ask your IT department to allow the license server's address, or continue offline."
    },
    network_proxy_unreachable: {
      title: 'Proxy server not reachable',
      explain: 'The proxy server this computer is set to use cannot be reached.',
      next: 'Check the proxy setting or ask your IT department, or continue offline.'
    },
    network_tls_untrusted: {
      title: 'Certificate not trusted',
      explain:
        "The license server's certificate was issued by an authority this computer does not trust. Companies that inspect secure connections use their own root certificate.",
      next: "Ask your IT department for the company's root certificate (a PEM file) and give it to License Desk, or contact support."
    },
    network_captive_portal: {
      title: 'A web page came back instead of the license server',
      explain: 'This network may need you to sign in first (hotel or guest Wi-Fi), or a company proxy blocked the request.',
      next: 'Sign in with a web browser and try again, or ask your IT department to allow the license server.'
    },
    network_redirect: {
      title: 'The license server sent us elsewhere',
      explain: 'The server answered with a redirect. License requests are only sent to the vendor’s own server, so it was not followed.',
      next: 'Sign in to the network with a browser if it needs that; otherwise contact support.'
    },
    server_unavailable: { title: 'License server unavailable', explain: 'The server reported an internal problem.', next: 'Try again in a few minutes.' },
    rate_limited: { title: 'Too many requests', explain: 'The license server asked us to slow down.', next: 'Wait a minute, then try again.' },
    http_status: { title: 'Unexpected server answer', explain: 'The server answered with a status we did not expect.', next: 'Try again; if it keeps happening, contact support.' },
    response_too_large: {
      title: 'Server answer too large',
      explain: 'The answer was far larger than a license answer can be, so it was not read.',
      next: 'Try again later; if it keeps happening, contact support.'
    },
    bad_response: {
      title: 'Unreadable server answer',
      explain: 'The answer was empty or not in the expected format. A proxy may have replaced it.',
      next: 'Try again; if it keeps happening, contact support.'
    },
    server_refused: {
      title: 'The license server declined the request',
      explain: 'The server understood the request but did not accept it.',
      next: 'Try again; if it keeps happening, contact support.'
    },
    clock_skew: {
      title: "This computer's clock is wrong",
      explain: 'The license server rejects requests whose time differs too much from its own.',
      next: 'Set the date and time automatically, then try again.'
    },
    signature_invalid: {
      title: 'Answer could not be verified',
      explain: 'The signature of the answer or file did not match. It may have been altered.',
      next: 'Get a new file or contact support.'
    },
    cancelled: { title: 'Cancelled', explain: 'The operation was cancelled.', next: 'You can start again whenever you like.' },
    profile_not_found: {
      title: 'Configuration missing',
      explain: 'The vendor configuration for License Desk could not be found.',
      next: 'Reinstall the product or contact support.'
    },
    profile_invalid: { title: 'Configuration damaged', explain: 'The vendor configuration contains an error.', next: 'Contact support.' },
    product_unknown: { title: 'Unknown product', explain: 'This product is not part of the configuration.', next: 'Go back to the overview and pick a product.' },
    invalid_input: { title: 'Please check your entry', explain: 'Something you entered is not in the expected format.', next: 'Correct it and try again.' },
    not_active: { title: 'Not activated', explain: 'This product is not activated on this computer, so there is nothing to deactivate.', next: 'Go back to the overview.' },
    already_active: { title: 'Already activated', explain: 'This product is already activated on this computer.', next: 'Deactivate it first if you want to use another key.' },
    offline_not_supported: {
      title: 'Offline not available',
      explain: 'This product can only be activated or deactivated online.',
      next: 'Connect to the internet and use the online option.'
    },
    no_pending_request: {
      title: 'No request file found',
      explain: 'Import an activation file only after saving a request file on this computer.',
      next: 'Start the offline activation again.'
    },
    lic_mismatch: {
      title: 'Activation file is for another computer',
      explain: "The file does not match this computer's request or product.",
      next: 'Use the file made from this computer’s request.'
    },
    file_invalid: { title: 'File not recognised', explain: 'The file is not a valid activation file.', next: 'Choose the .lic file you downloaded from the portal.' },
    file_read: { title: 'File could not be read', explain: 'The file could not be opened.', next: 'Check that it still exists and try again.' },
    file_write: { title: 'File could not be saved', explain: 'The folder may be read-only or the disk full. Nothing was changed.', next: 'Choose another folder and try again.' },
    state_corrupt: { title: 'License data damaged', explain: 'The saved license data could not be read. It was kept aside for support.', next: 'Contact support.' },
    state_locked: { title: 'License data in use', explain: 'Another License Desk window or command is changing the license data.', next: 'Close it and try again.' },
    secret_unavailable: {
      title: 'Secure storage unavailable',
      explain: "The system's secure storage or License Desk's key file could not be used.",
      next: 'Sign in to your user account again and retry; if it keeps happening, contact support.'
    },
    state_not_saved: {
      title: 'Done on the server, not saved here',
      explain: 'The license server completed the request, but License Desk could not record it on this computer (the disk may be full).',
      next: 'Free some disk space and do the same step again: License Desk then finishes it without taking a second seat.'
    },
    setting_invalid: {
      title: 'Invalid setting',
      explain: 'An environment setting for License Desk has a value it cannot use.',
      next: 'Correct or remove the setting, then start License Desk again.'
    },
    hwid_unavailable: { title: 'Hardware ID unavailable', explain: "This computer's hardware ID could not be read.", next: 'Contact support.' },
    hwid_empty: { title: 'Hardware ID empty', explain: 'The system returned an empty hardware ID.', next: 'Contact support.' },
    hwid_fallback: {
      title: 'Hardware ID from fallback',
      explain: 'The usual hardware ID source was unavailable, so a fallback was used.',
      next: 'Contact support before moving the license.'
    },
    hwid_invalid: {
      title: 'Computer ID not usable',
      explain: "The vendor's ID program or the ID given is not one line of printable text within the allowed length.",
      next: 'Check the ID, or contact support.'
    },
    seat_not_found: {
      title: 'No seat for this computer',
      explain: 'The license server holds no seat for this key under the computer ID that was sent.',
      next: "Try another computer ID recipe (see the details), or release the seat from the vendor's portal."
    },
    internal: {
      title: 'Unexpected problem',
      explain: 'License Desk ran into an unexpected problem. Nothing was changed.',
      next: 'Try again; if it keeps happening, contact support.'
    }
  } satisfies Record<ErrorCode, ErrorText>,
  serverCodes: {
    license_not_found: { title: 'No license with this key exists', explain: 'Check the key against your order confirmation.' },
    license_not_enabled: { title: 'This license has been disabled by the vendor', explain: 'Only the vendor can enable it again.' },
    license_not_active: { title: 'This license is not active yet', explain: 'The vendor has not started it yet.' },
    license_activated_max_times: { title: 'This license is in use on as many computers as allowed', explain: 'Deactivate it on another computer first.' },
    license_transferred_max_times: { title: 'This license has been moved as often as allowed', explain: 'It cannot be released again from here; support can help.' },
    license_expired: { title: 'This license has expired', explain: 'Renew it with the vendor to use it again.' },
    device_not_found: { title: 'This computer is not registered for the license', explain: 'The seat may already be free.' },
    date_header_diff: { title: "This computer's clock differs too much from the server's", explain: 'The server refuses requests whose time is far from its own.' },
    unknown_product: { title: 'The license server does not know this product', explain: 'The vendor configuration may be out of date.' },
    invalid_credentials: { title: 'The e-mail or password is wrong', explain: 'Check both and try again.' },
    user_not_found: { title: 'No user with this e-mail exists', explain: 'Check the e-mail address.' },
    unauthorized: { title: 'The request was not authorised', explain: 'The vendor configuration may be out of date.' },
    license_key_not_valid: { title: 'The license key is not valid', explain: 'Check the key against your order confirmation.' },
    floating_not_available: { title: 'Every seat of this floating license is in use', explain: 'Ask a colleague to return one, or try again later.' },
    license_borrow_not_allowed: { title: 'The vendor does not allow borrowing this license', explain: 'Use it while this computer is online.' },
    borrow_until_not_valid: { title: 'The license cannot be borrowed until that date', explain: 'Choose an earlier one.' },
    oauth_token_expired: { title: "The license server's access token expired", explain: 'A new one was refused; the vendor configuration may be out of date.' },
    oauth_token_malformed: { title: "The license server did not accept License Desk's access token", explain: 'The vendor configuration may be out of date.' },
    invalid_client: { title: "The vendor's sign-in service refused License Desk's client credentials", explain: 'The vendor configuration may be out of date.' },
    authorization_invalid_headers: {
      title: 'The license server refused how License Desk identified itself',
      explain: 'The vendor may require OAuth; the vendor configuration may be out of date.'
    },
    invalid_product_auth_method: { title: 'This product is activated with a license key, not an account', explain: 'Choose the license key instead.' }
  } as Record<string, ReasonText>,
  floating: {
    title: 'Floating license',
    shared: 'Shared by {users} computers at a time.',
    sharedOne: 'One computer at a time.',
    borrowedUntil: 'Borrowed for offline use until {date}',
    remaining: '{time} left',
    notBorrowable: 'The vendor does not allow borrowing it for offline use.',
    borrowLabel: 'Borrow for offline use until',
    borrowHelp: 'At most {hours} hours from now.',
    borrow: 'Borrow',
    borrowNamed: 'Borrow {product} for offline use',
    borrowing: 'Borrowing…',
    release: 'Return the seat now',
    releaseNamed: 'Return the seat of {product} now',
    releasing: 'Returning…',
    borrowed: 'Borrowed until {date}.',
    released: 'The seat is returned: a colleague can take it now.',
    badDate: 'Choose a date and time in the future, at most {hours} hours from now.',
    days: '{d} d {h} h',
    hours: '{h} h {m} min',
    minutes: '{m} min'
  },
  sso: {
    explain: 'You sign in with your company account in your web browser. License Desk opens the sign-in page there and waits for you.',
    submit: 'Sign in and activate',
    waiting: 'Waiting for the sign-in…',
    waitingExplain: 'Finish signing in in your web browser, then come back here. Cancel stops waiting.'
  },
  licensePicker: {
    find: 'Choose which of my licenses',
    finding: 'Looking up your licenses…',
    legend: 'Your account holds several licenses of this product. Which one should this computer use?',
    one: 'Your account holds one license of this product; it will be used.',
    none: 'Your account holds no license of this product.',
    needAccount: 'Type your user name and password first.',
    summary: '{type}, {used} of {max} seats used',
    until: 'valid until {date}',
    floating: 'floating',
    trial: 'Trial'
  }
}
