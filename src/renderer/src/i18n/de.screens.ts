// German: the texts of every screen but Home (as en.screens.ts), loaded with those screens.
import type { ScreenMessages } from './types'

export const deScreens: ScreenMessages = {
  common: {
    back: 'Zurück',
    continue: 'Weiter',
    cancel: 'Abbrechen',
    done: 'Zurück zur Übersicht',
    open: 'Öffnen',
    required: 'Pflichtfeld',
    stepOf: 'Schritt {n} von {total}: {step}',
    stepWaiting: '(wartet auf Sie)',
    steps: 'Fortschritt',
    optional: 'optional'
  },
  flows: {
    method: 'Methode',
    licenseKey: 'Lizenzschlüssel',
    account: 'Konto',
    signIn: 'Firmenanmeldung',
    activationKey: 'Aktivierungsschlüssel',
    done: 'Fertig',
    confirm: 'Bestätigen',
    result: 'Ergebnis',
    uploadFile: 'Datei hochladen',
    enterCode: 'Code eingeben'
  },
  activate: {
    chooseTitle: 'Wie möchten Sie {product} aktivieren?',
    online: 'Online',
    onlineHelp: 'Dieser Computer verbindet sich jetzt mit dem Lizenzserver. Dauert wenige Sekunden.',
    offline: 'Offline',
    offlineHelpLs: 'Für Computer ohne Internet: Sie speichern eine Anfragedatei, laden sie an einem anderen Computer hoch und bringen eine Aktivierungsdatei zurück.',
    offlineHelpQlm: 'Für Computer ohne Internet: Sie öffnen einen Aktivierungslink auf einem anderen Gerät und geben den angezeigten Computerschlüssel ein.',
    methodLegend: 'Aktivierungsmethode',
    onlineTitle: '{product} aktivieren',
    licenseKey: 'Lizenzschlüssel',
    licenseKeyHelp: 'Sie finden ihn in Ihrer Bestellbestätigung, z. B. ABCD-EFGH-IJKL-MNOP.',
    activationKey: 'Aktivierungsschlüssel',
    activationKeyHelp: 'Der Schlüssel aus Ihrer Bestellbestätigung.',
    username: 'E-Mail oder Benutzername',
    password: 'Passwort',
    submit: 'Aktivieren',
    submitting: 'Wird aktiviert…',
    missingKey: 'Geben Sie den Lizenzschlüssel ein.',
    missingActivationKey: 'Geben Sie den Aktivierungsschlüssel ein.',
    missingUsername: 'Geben Sie Ihre E-Mail oder Ihren Benutzernamen ein.',
    missingPassword: 'Geben Sie Ihr Passwort ein.',
    missingComputerKey: 'Geben Sie den Computerschlüssel ein.',
    formErrors: 'Bitte korrigieren Sie die markierten Felder.',
    doneTitle: '{product} ist aktiviert',
    doneText: 'Die Lizenz ist auf diesem Computer aktiv. Sie können License Desk schließen.',
    clockNote: 'Laut Server weicht die Uhr dieses Computers um etwa {minutes} Minuten ab. Die Aktivierung hat geklappt, bitte stellen Sie die Zeit trotzdem auf automatisch.',
    lsOfflineTitle: '{product} offline aktivieren',
    lsStep1: '1. Anfragedatei speichern',
    lsStep1Help: 'Die Datei kennzeichnet diesen Computer und Ihre Lizenz. Sie enthält kein Passwort.',
    severalLicenses: 'Gehören zu diesem Konto mehrere Lizenzen dieses Produkts?',
    licenseId: 'Lizenz-ID (optional)',
    licenseIdHelp:
      'Nur für ein Konto mit mehreren Lizenzen: die Nummer, die das Portal Ihres Anbieters für die Lizenz dieses Computers zeigt. Leer lassen, um die Lizenz des Kontos zu verwenden.',
    licenseIdInvalid: 'Eine Lizenz-ID ist eine ganze Zahl, zum Beispiel 2003.',
    lookUpOnline:
      'Wenn dieser Computer das Internet erreicht, können Sie Ihre Lizenzen stattdessen nachschlagen. Das Passwort dient nur dazu; es wird weder gespeichert noch in die Datei geschrieben.',
    saveRequest: 'Anfragedatei speichern…',
    saving: 'Wird gespeichert…',
    savedTo: 'Gespeichert unter',
    sha256: 'SHA-256',
    lsStep2: '2. Aktivierungsdatei holen',
    lsStep2Items: [
      'Kopieren Sie die Anfragedatei auf einen Computer mit Internetzugang, etwa mit einem USB-Stick.',
      'Öffnen Sie dort das Portal des Herstellers und laden Sie die Anfragedatei hoch.',
      'Laden Sie die Aktivierungsdatei (.lic) aus dem Portal herunter und bringen Sie sie auf diesen Computer.'
    ],
    portal: 'Portal',
    openPortal: 'Portal öffnen',
    lsStep3: '3. Aktivierungsdatei importieren',
    importLic: 'Aktivierungsdatei auswählen…',
    importing: 'Wird importiert…',
    dropHint: 'Oder ziehen Sie die .lic-Datei an eine beliebige Stelle dieses Fensters.',
    dropActive: 'Datei loslassen, um sie zu importieren',
    haveLic: 'Ich habe bereits eine Aktivierungsdatei',
    qlmOfflineTitle: '{product} offline aktivieren',
    qlmStep1: '1. Aktivierungsschlüssel eingeben',
    getUrl: 'Aktivierungslink erstellen',
    gettingUrl: 'Wird erstellt…',
    qlmStep2: '2. Link auf einem anderen Gerät öffnen',
    qlmStep2Help: 'Öffnen Sie diesen Link auf einem Smartphone oder Computer mit Internet. Er zeigt einen Computerschlüssel an.',
    computerId: 'Computer-ID',
    activationUrl: 'Aktivierungslink',
    qrAlt: 'QR-Code des Aktivierungslinks',
    qlmStep3: '3. Computerschlüssel eingeben',
    computerKey: 'Computerschlüssel',
    computerKeyHelp: 'Genau so eingeben, wie er auf der Aktivierungsseite steht.'
  },
  deactivate: {
    chooseTitle: 'Wie möchten Sie {product} deaktivieren?',
    methodLegend: 'Deaktivierungsmethode',
    online: 'Online',
    onlineHelp: 'Gibt den Lizenzplatz sofort auf dem Lizenzserver frei. Dieser Computer braucht dazu Internet.',
    offline: 'Offline',
    offlineHelpLs: 'Für Computer ohne Internet: speichert eine Datei, die Sie an einem anderen Computer hochladen, um den Lizenzplatz freizugeben.',
    offlineHelpQlm: 'Für Computer ohne Internet: zeigt einen Code, den Sie auf der Freigabeseite eingeben oder dem Support senden.',
    confirmTitle: '{product} auf diesem Computer deaktivieren?',
    confirmOnline:
      'Die Lizenz wird von diesem Computer entfernt und ihr Lizenzplatz auf dem Lizenzserver freigegeben. Danach können Sie {product} auf einem anderen Computer aktivieren.',
    confirmOfflineLs:
      'Die Lizenz wird sofort von diesem Computer entfernt, und Sie wählen einen Speicherort für eine Deaktivierungsdatei. Der Lizenzplatz bleibt belegt, bis die Datei im Portal hochgeladen ist.',
    confirmOfflineQlm:
      'Die Lizenz wird sofort von diesem Computer entfernt und ein Deaktivierungscode angezeigt. Der Lizenzplatz bleibt belegt, bis der Code auf der Freigabeseite eingegeben oder dem Support gesendet ist.',
    confirmWarn: '{product} funktioniert danach auf diesem Computer nicht mehr.',
    confirm: 'Deaktivieren',
    confirmSaveFile: 'Deaktivieren und Datei speichern…',
    confirmShowCode: 'Deaktivieren und Code anzeigen',
    progressTitle: '{product} wird deaktiviert…',
    cancelled: 'Die Deaktivierung wurde abgebrochen. Den aktuellen Stand der Lizenz sehen Sie in der Übersicht.',
    saveCancelled: 'Es wurde keine Datei gespeichert, daher wurde nichts geändert. Sie können es erneut versuchen.',
    doneTitle: '{product} ist deaktiviert',
    doneText: 'Der Lizenzplatz wurde auf dem Lizenzserver freigegeben. Sie können {product} jetzt auf einem anderen Computer aktivieren.',
    alreadyReleased: 'Der Server hatte diesen Lizenzplatz bereits freigegeben, vermutlich durch einen früheren Versuch. Es ist nichts weiter zu tun.'
  },
  seats: {
    fileLeadByKey:
      'Um den Lizenzplatz freizugeben, laden Sie diese Datei von einem Computer mit Internet im Portal hoch. License Desk kannte diesen Lizenzplatz nicht, daher wurde hier nichts entfernt.',
    dvcLeadByKey:
      'Um den Lizenzplatz freizugeben, geben Sie diesen Code auf der Freigabeseite ein oder senden ihn an den Support. License Desk kannte diesen Lizenzplatz nicht, daher wurde hier nichts entfernt.',
    releaseTitle: 'Einen Lizenzplatz freigeben',
    releaseLead:
      'Verwenden Sie dies, wenn License Desk den Lizenzplatz nicht kennt: Das Produkt hat die Lizenz selbst aktiviert, oder der Computer mit dem Platz ist verloren, gelöscht oder defekt.',
    product: 'Produkt',
    whoseLegend: 'Wessen Lizenzplatz',
    thisComputer: 'Dieser Computer',
    thisComputerHelp: 'Das Produkt hat die Lizenz auf diesem Computer aktiviert. License Desk berechnet die ID dieses Computers so wie das Produkt des Herstellers.',
    otherComputer: 'Ein anderer Computer',
    otherComputerHelp: 'Ein Computer, der verloren, gelöscht oder defekt ist. Geben Sie seine ID an oder importieren Sie seinen Platzbeleg.',
    oldId: 'ID des anderen Computers',
    oldIdHelp: 'Genau eintippen oder einfügen, oder den auf jenem Computer gespeicherten Platzbeleg importieren.',
    importReceipt: 'Platzbeleg importieren…',
    receiptLoaded: 'Platzbeleg von {product}, aktiviert am {date} auf {host}.',
    receiptUnknownHost: 'einem unbenannten Computer',
    methodLegend: 'Wie',
    online: 'Online',
    onlineHelp: 'Gibt den Lizenzplatz sofort auf dem Lizenzserver frei.',
    offline: 'Offline',
    offlineHelpLs: 'Speichert eine Anfragedatei, die Sie von einem Computer mit Internetzugang im Portal hochladen.',
    offlineHelpQlm: 'Zeigt einen Code für die Freigabeseite oder für den Support.',
    willLoseThis: 'Dieser Computer verliert seinen Lizenzplatz für {product}. Seine ID: {id}',
    willLoseOther: 'Der andere Computer verliert seinen Lizenzplatz für {product}. Seine ID: {id}',
    idUnknown: 'Die ID dieses Computers für {product} ließ sich nicht berechnen.',
    submit: 'Lizenzplatz freigeben',
    doneTitle: 'Der Lizenzplatz von {product} ist frei',
    doneThis: 'Der Lizenzserver hat den Platz dieses Computers (ID {id}) freigegeben. {product} kann jetzt anderswo aktiviert werden.',
    doneOther: 'Der Lizenzserver hat den Platz des anderen Computers (ID {id}) freigegeben. {product} kann jetzt anderswo aktiviert werden.',
    alreadyReleased: 'Der Server hatte diesen Lizenzplatz bereits freigegeben.',
    idsTitle: 'Die IDs dieses Computers nach Verfahren',
    idsHelp:
      'Hat der Server unter der gesendeten ID keinen Lizenzplatz, berechnet das Produkt des Herstellers sie vielleicht anders: Der Hersteller legt das Verfahren im Profil fest, oder die IT gibt die ID mit --hardware-id an.',
    recipe: 'Verfahren',
    noId: 'keine',
    receiptsTitle: 'Platzbelege',
    receiptsLead:
      'License Desk bewahrt bei jeder Aktivierung einen Beleg auf: das Produkt, den maskierten Schlüssel, die verwendete Computer-ID und das Datum. Speichern Sie einen Beleg außerhalb dieses Computers: Damit lässt sich der Platz von einem anderen Computer aus freigeben, falls dieser verloren geht.',
    receiptsEmpty: 'Noch keine Platzbelege: Bei jeder Aktivierung wird einer aufbewahrt.',
    save: 'Speichern…',
    saveNamed: 'Platzbeleg von {product} vom {date} speichern',
    saved: 'Gespeichert unter {path}.',
    computerId: 'Computer-ID',
    host: 'Computername',
    activated: 'Aktiviert',
    key: 'Schlüssel oder Benutzer'
  },
  record: {
    fileTitle: 'Ein Schritt fehlt noch: Deaktivierungsdatei hochladen',
    fileTitleSeen: 'Deaktivierungsdatei',
    fileLead:
      'Die Lizenz wurde von diesem Computer entfernt, der Lizenzplatz ist aber noch belegt: Er wird frei, sobald diese Datei von einem Computer mit Internet im Portal hochgeladen ist.',
    fileWaiting:
      'License Desk sieht die Seite des Herstellers nicht. Die Antwort des Portals nach dem Hochladen zeigt Ihnen, dass der Platz frei ist; bis dahin gilt er als belegt.',
    filePath: 'Gespeicherte Datei',
    showInFolder: 'Im Ordner anzeigen',
    stepsTitle: 'Am anderen Computer',
    fileSteps: [
      'Kopieren Sie die Datei auf einen Computer mit Internetzugang, etwa per USB-Stick oder Netzlaufwerk.',
      'Öffnen Sie das Portal: {portal}',
      'Laden Sie die Datei hoch oder fügen Sie ihren Inhalt ein.',
      'Das Portal antwortet, dass die Lizenz deaktiviert ist, und zeigt die Anfrage-ID {requestId}. Dann ist der Lizenzplatz frei: Aktivieren Sie {product} auf dem neuen Computer.'
    ],
    portalFallback: 'das Portal des Herstellers',
    copyPortal: 'Portaladresse kopieren',
    requestId: 'Anfrage-ID',
    savedAt: 'Gespeichert',
    dvcTitle: 'Ein Schritt fehlt noch: Deaktivierungscode eingeben',
    dvcTitleSeen: 'Deaktivierungscode',
    dvcLead:
      'Die Lizenz wurde von diesem Computer entfernt, der Lizenzplatz ist aber noch belegt: Er wird frei, sobald der Code auf der Freigabeseite eingegeben oder dem Support gesendet ist.',
    dvcWaiting:
      'License Desk sieht die Seite des Herstellers nicht. Die Antwort der Freigabeseite (oder des Supports) zeigt Ihnen, dass der Platz frei ist; bis dahin gilt er als belegt.',
    formTitle: 'Was die Freigabeseite abfragt',
    formHelp: 'Die Freigabeseite fragt diese drei Angaben in dieser Reihenfolge ab. Der Support braucht dieselben.',
    activationKey: 'Aktivierungsschlüssel',
    activationKeyMissing: 'Ihren Aktivierungsschlüssel finden Sie in Ihrer Bestellbestätigung.',
    code: 'Deaktivierungs-Prüfcode',
    codeSpoken: 'Deaktivierungs-Prüfcode, buchstabiert: {code}',
    validToday: 'Nur heute gültig (bis Mitternacht, {date}).',
    validPast: 'War nur am {date} gültig. Wenn der Lizenzplatz noch belegt ist, wenden Sie sich an den Support.',
    computerId: 'Computer-ID',
    qrTitle: 'Mit dem Smartphone freigeben',
    qrHelp: 'Scannen Sie den QR-Code, um die Freigabeseite mit bereits eingetragenem Code zu öffnen.',
    qrAlt: 'QR-Code der Freigabeseite',
    selfHelpUrl: 'Freigabeseite',
    openSelfHelp: 'Freigabeseite öffnen',
    emailSupport: 'Support per E-Mail',
    emailHelp: 'Öffnet eine vorbereitete E-Mail mit Produkt, Computer-ID, Code und Datum.',
    createdAt: 'Erstellt'
  },
  history: {
    title: 'Verlauf',
    caption: 'Offline-Deaktivierungen',
    intro: 'Jede Offline-Deaktivierung hinterlässt eine Datei oder einen Code. Öffnen Sie einen Eintrag, um ihn erneut zu sehen.',
    empty: 'Noch keine Offline-Deaktivierungen.',
    product: 'Produkt',
    kind: 'Nachweis',
    date: 'Datum',
    action: 'Aktion',
    file: 'Deaktivierungsdatei',
    code: 'Code',
    show: 'Anzeigen',
    showNamed: '{kind} für {product} vom {date} anzeigen'
  },
  error: {
    heading: 'Etwas ist schiefgelaufen',
    details: 'Technische Details',
    serverSays: 'Meldung des Lizenzservers:',
    code: 'Fehlercode: {code}',
    retry: 'Erneut versuchen',
    goOffline: 'Offline fortfahren',
    contactSupport: 'Support per E-Mail',
    detailIssuer: 'Zertifikat ausgestellt von: {value}',
    detailProxy: 'Proxy: {value}',
    detailPageTitle: 'Titel der Seite: {value}',
    inputKept: 'Ihre Eingaben bleiben erhalten.',
    supportSubject: '{app}: {title} ({code})',
    supportBody:
      'Hallo,\n\nich konnte einen Lizenzvorgang nicht abschließen.\n\nProdukt: {product}\nFehler: {code}\nMeldung: {message}\nServercode: {serverCode}\nHardware-ID: {hwid}\nApp-Version: {version}\n\nVielen Dank.'
  },
  nextSteps: {
    retry: 'Versuchen Sie es erneut.',
    retry_later: 'Warten Sie einige Minuten und versuchen Sie es dann erneut.',
    go_offline: 'Versuchen Sie es erneut oder fahren Sie offline fort, falls dieser Computer den Server nicht erreicht.',
    fix_clock: 'Stellen Sie Datum und Uhrzeit in den Systemeinstellungen auf automatisch und versuchen Sie es erneut.',
    fix_input: 'Prüfen Sie Ihre Eingabe und versuchen Sie es erneut.',
    contact_support: 'Wenden Sie sich mit den Angaben zu diesem Fehler an den Support.',
    check_connection: 'Prüfen Sie die Internetverbindung und versuchen Sie es erneut.',
    choose_other_folder: 'Wählen Sie einen anderen Ordner und versuchen Sie es erneut.',
    ask_it: 'Wenden Sie sich an Ihre IT-Abteilung und geben Sie weiter, was diese Meldung sagt.',
    none: ''
  },
  errors: {
    network_dns: {
      title: 'Lizenzserver nicht gefunden',
      explain: 'Der Servername konnte nicht aufgelöst werden. Der Computer ist eventuell offline oder in einem eingeschränkten Netz.',
      next: 'Prüfen Sie die Verbindung oder fahren Sie offline fort.'
    },
    network_refused: {
      title: 'Lizenzserver lehnt die Verbindung ab',
      explain: 'Der Server ist erreichbar, nimmt aber gerade keine Verbindungen an.',
      next: 'Später erneut versuchen oder offline fortfahren.'
    },
    network_reset: {
      title: 'Verbindung unterbrochen',
      explain: 'Die Verbindung zum Lizenzserver brach ab, bevor die Antwort ankam.',
      next: 'Erneut versuchen; auf diesem Computer wurde nichts geändert.'
    },
    network_timeout: {
      title: 'Der Lizenzserver antwortet nicht',
      explain: 'Es kam keine Antwort in der erwarteten Zeit. Das Netz ist eventuell langsam oder gesperrt.',
      next: 'Erneut versuchen oder offline fortfahren.'
    },
    network_tls: {
      title: 'Sichere Verbindung fehlgeschlagen',
      explain: 'Das Zertifikat des Servers konnte nicht geprüft werden. Ein Proxy oder eine Firewall greift eventuell ein.',
      next: 'Wenden Sie sich an Ihre IT-Abteilung oder den Support.'
    },
    network_failed: {
      title: 'Keine Verbindung zum Lizenzserver',
      explain: 'Die Anfrage konnte nicht gesendet werden.',
      next: 'Prüfen Sie die Verbindung oder fahren Sie offline fort.'
    },
    network_proxy_auth: {
      title: 'Der Proxy verlangt eine Anmeldung',
      explain: 'Der Proxyserver Ihres Netzwerks verlangt einen Benutzernamen und ein Passwort, die License Desk nicht hat oder die er nicht angenommen hat.',
      next: 'Bitten Sie Ihre IT-Abteilung um Proxy-Zugang, oder fahren Sie offline fort.'
    },
    network_proxy_refused: {
      title: 'Der Proxy hat den Lizenzserver gesperrt',
      explain: 'Der Proxyserver Ihres Netzwerks hat keine Verbindung zum Lizenzserver hergestellt.',
      next: 'Bitten Sie Ihre IT-Abteilung, die Adresse des Lizenzservers freizugeben, oder fahren Sie offline fort.'
    },
    network_proxy_unreachable: {
      title: 'Proxyserver nicht erreichbar',
      explain: 'Der Proxyserver, den dieser Computer verwenden soll, ist nicht erreichbar.',
      next: 'Prüfen Sie die Proxy-Einstellung oder fragen Sie Ihre IT-Abteilung, oder fahren Sie offline fort.'
    },
    network_tls_untrusted: {
      title: 'Zertifikat nicht vertrauenswürdig',
      explain:
        'Das Zertifikat des Lizenzservers stammt von einer Stelle, der dieser Computer nicht vertraut. Firmen, die sichere Verbindungen prüfen, verwenden ein eigenes Stammzertifikat.',
      next: 'Bitten Sie Ihre IT-Abteilung um das Stammzertifikat der Firma (eine PEM-Datei) und geben Sie es License Desk, oder wenden Sie sich an den Support.'
    },
    network_captive_portal: {
      title: 'Eine Webseite statt des Lizenzservers',
      explain: 'Dieses Netzwerk verlangt eventuell zuerst eine Anmeldung (Hotel- oder Gast-WLAN), oder ein Firmen-Proxy hat die Anfrage gesperrt.',
      next: 'Melden Sie sich in einem Webbrowser an und versuchen Sie es erneut, oder bitten Sie Ihre IT-Abteilung, den Lizenzserver freizugeben.'
    },
    network_redirect: {
      title: 'Der Lizenzserver hat weitergeleitet',
      explain: 'Der Server hat mit einer Weiterleitung geantwortet. Lizenzanfragen gehen nur an den Server des Herstellers, daher wurde ihr nicht gefolgt.',
      next: 'Melden Sie sich im Browser am Netzwerk an, falls nötig; sonst wenden Sie sich an den Support.'
    },
    response_too_large: {
      title: 'Antwort des Servers zu groß',
      explain: 'Die Antwort war viel größer, als eine Lizenzantwort sein kann, und wurde nicht gelesen.',
      next: 'Versuchen Sie es später erneut; wenn es wieder passiert, wenden Sie sich an den Support.'
    },
    server_unavailable: { title: 'Lizenzserver nicht verfügbar', explain: 'Der Server meldet ein internes Problem.', next: 'Versuchen Sie es in einigen Minuten erneut.' },
    rate_limited: { title: 'Zu viele Anfragen', explain: 'Der Lizenzserver bittet um eine Pause.', next: 'Eine Minute warten und erneut versuchen.' },
    http_status: {
      title: 'Unerwartete Serverantwort',
      explain: 'Der Server antwortete mit einem unerwarteten Status.',
      next: 'Erneut versuchen; wenn es wieder passiert, den Support kontaktieren.'
    },
    bad_response: {
      title: 'Unlesbare Serverantwort',
      explain: 'Die Antwort war leer oder hatte ein unerwartetes Format. Eventuell hat ein Proxy sie ersetzt.',
      next: 'Erneut versuchen; wenn es wieder passiert, den Support kontaktieren.'
    },
    server_refused: {
      title: 'Der Lizenzserver hat die Anfrage abgelehnt',
      explain: 'Der Server hat die Anfrage verstanden, aber nicht angenommen.',
      next: 'Erneut versuchen; wenn es wieder passiert, den Support kontaktieren.'
    },
    clock_skew: {
      title: 'Die Uhr dieses Computers geht falsch',
      explain: 'Der Lizenzserver lehnt Anfragen ab, deren Zeit zu sehr von seiner eigenen abweicht.',
      next: 'Datum und Uhrzeit auf automatisch stellen und erneut versuchen.'
    },
    signature_invalid: {
      title: 'Antwort konnte nicht geprüft werden',
      explain: 'Die Signatur der Antwort oder Datei stimmt nicht. Sie wurde eventuell verändert.',
      next: 'Eine neue Datei holen oder den Support kontaktieren.'
    },
    cancelled: { title: 'Abgebrochen', explain: 'Der Vorgang wurde abgebrochen.', next: 'Sie können jederzeit neu beginnen.' },
    profile_not_found: {
      title: 'Konfiguration fehlt',
      explain: 'Die Herstellerkonfiguration von License Desk wurde nicht gefunden.',
      next: 'Produkt neu installieren oder den Support kontaktieren.'
    },
    profile_invalid: { title: 'Konfiguration beschädigt', explain: 'Die Herstellerkonfiguration enthält einen Fehler.', next: 'Wenden Sie sich an den Support.' },
    product_unknown: { title: 'Unbekanntes Produkt', explain: 'Dieses Produkt ist nicht Teil der Konfiguration.', next: 'Zur Übersicht zurückkehren und ein Produkt wählen.' },
    invalid_input: { title: 'Bitte Eingabe prüfen', explain: 'Eine Eingabe hat nicht das erwartete Format.', next: 'Korrigieren und erneut versuchen.' },
    not_active: { title: 'Nicht aktiviert', explain: 'Dieses Produkt ist auf diesem Computer nicht aktiviert, es gibt nichts zu deaktivieren.', next: 'Zurück zur Übersicht.' },
    already_active: {
      title: 'Bereits aktiviert',
      explain: 'Dieses Produkt ist auf diesem Computer bereits aktiviert.',
      next: 'Erst deaktivieren, um einen anderen Schlüssel zu verwenden.'
    },
    offline_not_supported: {
      title: 'Offline nicht möglich',
      explain: 'Dieses Produkt kann nur online aktiviert oder deaktiviert werden.',
      next: 'Mit dem Internet verbinden und die Online-Option nutzen.'
    },
    no_pending_request: {
      title: 'Keine Anfragedatei gefunden',
      explain: 'Importieren Sie eine Aktivierungsdatei erst, nachdem Sie auf diesem Computer eine Anfragedatei gespeichert haben.',
      next: 'Die Offline-Aktivierung neu beginnen.'
    },
    lic_mismatch: {
      title: 'Aktivierungsdatei gehört zu einem anderen Computer',
      explain: 'Die Datei passt nicht zur Anfrage oder zum Produkt dieses Computers.',
      next: 'Die Datei zur Anfrage dieses Computers verwenden.'
    },
    file_invalid: { title: 'Datei nicht erkannt', explain: 'Die Datei ist keine gültige Aktivierungsdatei.', next: 'Die .lic-Datei aus dem Portal wählen.' },
    file_read: { title: 'Datei konnte nicht gelesen werden', explain: 'Die Datei ließ sich nicht öffnen.', next: 'Prüfen, ob sie noch existiert, und erneut versuchen.' },
    file_write: {
      title: 'Datei konnte nicht gespeichert werden',
      explain: 'Der Ordner ist eventuell schreibgeschützt oder die Festplatte voll. Es wurde nichts geändert.',
      next: 'Einen anderen Ordner wählen und erneut versuchen.'
    },
    state_corrupt: {
      title: 'Lizenzdaten beschädigt',
      explain: 'Die gespeicherten Lizenzdaten waren unlesbar. Sie wurden für den Support beiseitegelegt.',
      next: 'Wenden Sie sich an den Support.'
    },
    state_locked: {
      title: 'Lizenzdaten in Verwendung',
      explain: 'Ein anderes License-Desk-Fenster oder ein Befehl ändert gerade die Lizenzdaten.',
      next: 'Schließen Sie es und versuchen Sie es erneut.'
    },
    secret_unavailable: {
      title: 'Sicherer Speicher nicht verfügbar',
      explain: 'Der sichere Speicher des Systems oder die Schlüsseldatei von License Desk konnte nicht genutzt werden.',
      next: 'Erneut am Benutzerkonto anmelden und wiederholen; falls es wieder passiert, den Support kontaktieren.'
    },
    state_not_saved: {
      title: 'Auf dem Server erledigt, hier nicht gespeichert',
      explain: 'Der Lizenzserver hat die Anfrage ausgeführt, aber License Desk konnte das auf diesem Computer nicht festhalten (die Festplatte ist eventuell voll).',
      next: 'Speicherplatz freigeben und denselben Schritt wiederholen: License Desk schließt ihn dann ab, ohne einen zweiten Platz zu belegen.'
    },
    setting_invalid: {
      title: 'Ungültige Einstellung',
      explain: 'Eine Umgebungseinstellung für License Desk hat einen Wert, den es nicht verwenden kann.',
      next: 'Die Einstellung korrigieren oder entfernen und License Desk neu starten.'
    },
    hwid_unavailable: { title: 'Hardware-ID nicht verfügbar', explain: 'Die Hardware-ID dieses Computers konnte nicht gelesen werden.', next: 'Wenden Sie sich an den Support.' },
    hwid_empty: { title: 'Hardware-ID leer', explain: 'Das System lieferte eine leere Hardware-ID.', next: 'Wenden Sie sich an den Support.' },
    hwid_fallback: {
      title: 'Hardware-ID aus Ersatzquelle',
      explain: 'Die übliche Quelle der Hardware-ID war nicht verfügbar, daher wurde eine Ersatzquelle genutzt.',
      next: 'Vor dem Umziehen der Lizenz den Support kontaktieren.'
    },
    hwid_invalid: {
      title: 'Computer-ID nicht verwendbar',
      explain: 'Das ID-Programm des Herstellers oder die angegebene ID ist keine einzelne Zeile druckbaren Textes in der erlaubten Länge.',
      next: 'Die ID prüfen oder den Support kontaktieren.'
    },
    seat_not_found: {
      title: 'Kein Lizenzplatz für diesen Computer',
      explain: 'Der Lizenzserver hat für diesen Schlüssel keinen Lizenzplatz unter der gesendeten Computer-ID.',
      next: 'Ein anderes Verfahren für die Computer-ID versuchen (siehe Details) oder den Platz im Portal des Herstellers freigeben.'
    },
    internal: {
      title: 'Unerwartetes Problem',
      explain: 'License Desk ist auf ein unerwartetes Problem gestoßen. Es wurde nichts geändert.',
      next: 'Erneut versuchen; wenn es wieder passiert, den Support kontaktieren.'
    }
  },
  serverCodes: {
    license_not_found: { title: 'Es gibt keine Lizenz mit diesem Schlüssel', explain: 'Vergleichen Sie den Schlüssel mit Ihrer Bestellbestätigung.' },
    license_not_enabled: { title: 'Diese Lizenz wurde vom Hersteller gesperrt', explain: 'Nur der Hersteller kann sie wieder freischalten.' },
    license_not_active: { title: 'Diese Lizenz ist noch nicht aktiv', explain: 'Der Hersteller hat sie noch nicht gestartet.' },
    license_activated_max_times: { title: 'Diese Lizenz ist auf so vielen Computern aktiv wie erlaubt', explain: 'Deaktivieren Sie sie zuerst auf einem anderen Computer.' },
    license_transferred_max_times: {
      title: 'Diese Lizenz wurde so oft übertragen wie erlaubt',
      explain: 'Sie kann von hier nicht erneut freigegeben werden; der Support hilft weiter.'
    },
    license_expired: { title: 'Diese Lizenz ist abgelaufen', explain: 'Verlängern Sie sie beim Hersteller, um sie weiter zu nutzen.' },
    device_not_found: { title: 'Dieser Computer ist für die Lizenz nicht registriert', explain: 'Der Lizenzplatz ist eventuell schon frei.' },
    date_header_diff: {
      title: 'Die Uhr dieses Computers weicht zu stark von der des Servers ab',
      explain: 'Der Server lehnt Anfragen ab, deren Zeit zu weit von seiner abweicht.'
    },
    unknown_product: { title: 'Der Lizenzserver kennt dieses Produkt nicht', explain: 'Die Herstellerkonfiguration ist eventuell veraltet.' },
    invalid_credentials: { title: 'E-Mail oder Passwort ist falsch', explain: 'Prüfen Sie beides und versuchen Sie es erneut.' },
    user_not_found: { title: 'Es gibt keinen Benutzer mit dieser E-Mail', explain: 'Prüfen Sie die E-Mail-Adresse.' },
    unauthorized: { title: 'Die Anfrage wurde nicht autorisiert', explain: 'Die Herstellerkonfiguration ist eventuell veraltet.' },
    license_key_not_valid: { title: 'Der Lizenzschlüssel ist ungültig', explain: 'Vergleichen Sie den Schlüssel mit Ihrer Bestellbestätigung.' },
    floating_not_available: {
      title: 'Alle Plätze dieser Floating-Lizenz sind belegt',
      explain: 'Bitten Sie eine Kollegin oder einen Kollegen, einen freizugeben, oder versuchen Sie es später.'
    },
    license_borrow_not_allowed: { title: 'Der Hersteller erlaubt nicht, diese Lizenz auszuleihen', explain: 'Nutzen Sie sie, solange dieser Computer online ist.' },
    borrow_until_not_valid: { title: 'Bis zu diesem Datum kann die Lizenz nicht ausgeliehen werden', explain: 'Wählen Sie ein früheres.' },
    oauth_token_expired: {
      title: 'Das Zugriffstoken des Lizenzservers ist abgelaufen',
      explain: 'Ein neues wurde abgelehnt; die Herstellerkonfiguration ist eventuell veraltet.'
    },
    oauth_token_malformed: { title: 'Der Lizenzserver hat das Zugriffstoken von License Desk nicht angenommen', explain: 'Die Herstellerkonfiguration ist eventuell veraltet.' },
    invalid_client: {
      title: 'Der Anmeldedienst des Herstellers hat die Client-Zugangsdaten von License Desk abgelehnt',
      explain: 'Die Herstellerkonfiguration ist eventuell veraltet.'
    },
    authorization_invalid_headers: {
      title: 'Der Lizenzserver hat abgelehnt, wie sich License Desk ausgewiesen hat',
      explain: 'Der Hersteller verlangt vielleicht OAuth; die Herstellerkonfiguration ist eventuell veraltet.'
    },
    invalid_product_auth_method: { title: 'Dieses Produkt wird mit einem Lizenzschlüssel aktiviert, nicht mit einem Konto', explain: 'Wählen Sie stattdessen den Lizenzschlüssel.' }
  },
  floating: {
    title: 'Floating-Lizenz',
    shared: 'Von {users} Computern gleichzeitig nutzbar.',
    sharedOne: 'Von einem Computer gleichzeitig nutzbar.',
    borrowedUntil: 'Für die Offline-Nutzung ausgeliehen bis {date}',
    remaining: 'noch {time}',
    notBorrowable: 'Der Hersteller erlaubt nicht, sie für die Offline-Nutzung auszuleihen.',
    borrowLabel: 'Für die Offline-Nutzung ausleihen bis',
    borrowHelp: 'Höchstens {hours} Stunden ab jetzt.',
    borrow: 'Ausleihen',
    borrowNamed: '{product} für die Offline-Nutzung ausleihen',
    borrowing: 'Wird ausgeliehen…',
    release: 'Platz jetzt zurückgeben',
    releaseNamed: 'Platz von {product} jetzt zurückgeben',
    releasing: 'Wird zurückgegeben…',
    borrowed: 'Ausgeliehen bis {date}.',
    released: 'Der Platz ist zurückgegeben: Eine Kollegin oder ein Kollege kann ihn jetzt nutzen.',
    badDate: 'Wählen Sie einen Zeitpunkt in der Zukunft, höchstens {hours} Stunden ab jetzt.',
    days: '{d} T {h} Std.',
    hours: '{h} Std. {m} Min.',
    minutes: '{m} Min.'
  },
  sso: {
    explain: 'Sie melden sich mit Ihrem Firmenkonto in Ihrem Webbrowser an. License Desk öffnet die Anmeldeseite dort und wartet auf Sie.',
    submit: 'Anmelden und aktivieren',
    waiting: 'Warten auf die Anmeldung…',
    waitingExplain: 'Schließen Sie die Anmeldung im Webbrowser ab und kehren Sie dann hierher zurück. „Abbrechen“ beendet das Warten.'
  },
  licensePicker: {
    find: 'Auswählen, welche meiner Lizenzen',
    finding: 'Ihre Lizenzen werden gesucht…',
    legend: 'Ihr Konto hat mehrere Lizenzen dieses Produkts. Welche soll dieser Computer nutzen?',
    one: 'Ihr Konto hat eine Lizenz dieses Produkts; sie wird genutzt.',
    none: 'Ihr Konto hat keine Lizenz dieses Produkts.',
    needAccount: 'Geben Sie zuerst Benutzername und Passwort ein.',
    summary: '{type}, {used} von {max} Plätzen belegt',
    until: 'gültig bis {date}',
    floating: 'Floating',
    trial: 'Testversion'
  }
}
