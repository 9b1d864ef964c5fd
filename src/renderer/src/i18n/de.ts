// German: the texts of the app's chrome and of Home (as en.ts), loaded before the first render.
import type { FirstMessages } from './types'

export const de: FirstMessages = {
  lang: 'de',
  app: {
    skipToContent: 'Zum Inhalt springen',
    overview: 'Übersicht',
    history: 'Verlauf',
    mainNav: 'Hauptnavigation',
    demoBadge: 'Demo',
    demoNote: 'Demomodus: Die App spricht mit dem eingebauten lokalen Lizenzserver.',
    loading: 'Wird geladen…',
    version: 'Version {version}',
    copyDiagnostics: 'Diagnose für den Support kopieren',
    supportTitle: 'Für den Support',
    supportIntro: 'Der Support fragt eventuell nach diesen Angaben, wenn Sie ihn kontaktieren.',
    diagnosticsCopied: 'Diagnose in die Zwischenablage kopiert.'
  },
  common: {
    copy: 'Kopieren',
    copied: 'Kopiert',
    copiedAnnounce: 'In die Zwischenablage kopiert.',
    copyNamed: '{what} kopieren',
    copyFailed: 'Unerwartetes Problem'
  },
  states: {
    inactive: 'Nicht aktiviert',
    active: 'Aktiv',
    'offline-deactivated': 'Wartet auf den Hersteller',
    'offline-activation-pending': 'Offline-Aktivierung ausstehend'
  },
  home: {
    title: 'Ihre Lizenzen',
    intro: 'Aktivieren Sie ein Produkt auf diesem Computer oder geben Sie die Lizenz frei, um sie auf einem anderen zu nutzen.',
    hardwareLabel: 'Hardware-ID dieses Computers',
    hardwareHelp: 'Gelesen aus: {source}',
    hardwareUnavailable: 'Die Hardware-ID dieses Computers konnte nicht gelesen werden.',
    products: 'Produkte',
    keyHint: 'Lizenzschlüssel',
    username: 'Benutzer',
    licenseType: 'Lizenzart',
    licenseTypes: { trial: 'Testversion', perpetual: 'Unbefristet', subscription: 'Abonnement', 'time-limited': 'Befristet', consumption: 'Verbrauchsbasiert' },
    expires: 'Läuft ab',
    never: 'Nie',
    activatedAt: 'Aktiviert',
    activatedOffline: 'offline aktiviert',
    activate: 'Aktivieren',
    activateNamed: '{product} aktivieren',
    deactivate: 'Deaktivieren',
    deactivateNamed: '{product} deaktivieren',
    completeActivation: 'Offline-Aktivierung abschließen',
    completeActivationNamed: 'Offline-Aktivierung von {product} abschließen',
    showLastRelease: 'Freigabenachweis zeigen',
    showLastReleaseNamed: 'Freigabenachweis von {product} zeigen',
    waitingUpload: 'Wartet auf das Hochladen',
    waitingCode: 'Wartet auf den Code',
    releasedNoteFile:
      'Am {date} von diesem Computer entfernt. Der Lizenzplatz bleibt belegt, bis die Deaktivierungsdatei im Portal des Herstellers hochgeladen ist. License Desk sieht die Seite des Herstellers nicht: Die Antwort des Portals auf das Hochladen zeigt Ihnen, dass der Platz frei ist.',
    releasedNoteCode:
      'Am {date} von diesem Computer entfernt. Der Lizenzplatz bleibt belegt, bis der Deaktivierungscode auf der Freigabeseite des Herstellers eingegeben oder dem Support gesendet ist. License Desk sieht die Seite des Herstellers nicht: Die Antwort der Freigabeseite zeigt Ihnen, dass der Platz frei ist.',
    pendingNote: 'Eine Anfragedatei wurde gespeichert. Importieren Sie die Aktivierungsdatei (.lic), um abzuschließen.',
    noProducts: 'Es sind keine Produkte eingerichtet.',
    stateMoved:
      'License Desk hat seinen gespeicherten Zustand beschädigt vorgefunden und neu begonnen. Die beschädigte Datei liegt unter {path}: Senden Sie sie an den Support, falls hier eine Lizenz fehlt.',
    clockOff: 'Die Uhr dieses Computers weicht um etwa {minutes} Minuten ab. Stellen Sie die Zeit in den Systemeinstellungen auf automatisch, um Fehler zu vermeiden.'
  },
  seats: {
    homeTitle: 'Lizenzplätze',
    release: 'Eine Lizenz auf diesem Computer freigeben',
    releaseHelp: 'Für einen Lizenzplatz, den nicht License Desk belegt hat (das Produkt hat ihn aktiviert), oder den Platz eines verlorenen, gelöschten oder defekten Computers.',
    releaseOther: 'Den Lizenzplatz eines anderen Computers freigeben',
    receipts: 'Platzbelege',
    seatsLabel: 'Lizenzplätze',
    inUse: '{inUse} von {max} belegt',
    inUseOnly: '{inUse} belegt',
    transfersLeft: 'noch {left} Übertragungen',
    transfersMade: 'bisher {count} Übertragungen',
    check: 'Beim Server prüfen',
    checkNamed: '{product} beim Server prüfen',
    checking: 'Der Lizenzserver wird gefragt…',
    verdicts: {
      ok: 'Der Server bestätigt den Lizenzplatz dieses Computers.',
      gone: 'Der Server hat keinen Lizenzplatz mehr für diesen Computer: Er wurde anderswo freigegeben oder die Lizenz wurde entfernt.',
      disabled: 'Laut Server ist diese Lizenz deaktiviert.',
      expired: 'Laut Server ist diese Lizenz abgelaufen.',
      not_confirmed: 'Der Server bestätigt den Lizenzplatz dieses Computers nicht.'
    },
    serverSaid: 'Der Server sagte:',
    removeOffer: 'License Desk bewahrt den Eintrag dieser Lizenz noch auf. Entfernen Sie ihn nur, wenn Sie {product} hier nicht mehr nutzen.',
    remove: 'Von diesem Computer entfernen',
    removeNamed: '{product} von diesem Computer entfernen',
    removed: '{product} wurde von diesem Computer entfernt.'
  },
  progress: {
    preparing: 'Wird vorbereitet…',
    contacting: 'Verbindung zum Lizenzserver wird hergestellt…',
    retrying: 'Noch keine Antwort, neuer Versuch (Versuch {attempt})…',
    retryingIn: 'Noch keine Antwort, neuer Versuch in {seconds} s (Versuch {attempt})…',
    verifying: 'Antwort wird geprüft…',
    saving: 'Wird gespeichert…',
    done: 'Fertig.'
  }
}
