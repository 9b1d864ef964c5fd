// French: the texts of every screen but Home (as en.screens.ts), loaded with those screens.
import type { ScreenMessages } from './types'

export const frScreens: ScreenMessages = {
  common: {
    back: 'Retour',
    continue: 'Continuer',
    cancel: 'Annuler',
    done: 'Retour à la vue d’ensemble',
    open: 'Ouvrir',
    required: 'Obligatoire',
    stepOf: 'Étape {n} sur {total} : {step}',
    stepWaiting: '(à vous de jouer)',
    steps: 'Progression',
    optional: 'facultatif'
  },
  flows: {
    method: 'Méthode',
    licenseKey: 'Clé de licence',
    account: 'Compte',
    signIn: 'Connexion d’entreprise',
    activationKey: 'Clé d’activation',
    done: 'Terminé',
    confirm: 'Confirmer',
    result: 'Résultat',
    uploadFile: 'Envoyer le fichier',
    enterCode: 'Saisir le code'
  },
  activate: {
    chooseTitle: 'Comment voulez-vous activer {product} ?',
    online: 'En ligne',
    onlineHelp: 'Cet ordinateur contacte maintenant le serveur de licences. Cela prend quelques secondes.',
    offline: 'Hors ligne',
    offlineHelpLs: 'Pour les ordinateurs sans internet : vous enregistrez un fichier de demande, l’envoyez depuis un autre ordinateur et rapportez un fichier d’activation.',
    offlineHelpQlm: 'Pour les ordinateurs sans internet : vous ouvrez un lien d’activation sur un autre appareil et saisissez la clé d’ordinateur qu’il affiche.',
    methodLegend: 'Méthode d’activation',
    onlineTitle: 'Activer {product}',
    licenseKey: 'Clé de licence',
    licenseKeyHelp: 'Elle figure dans votre confirmation de commande, par ex. ABCD-EFGH-IJKL-MNOP.',
    activationKey: 'Clé d’activation',
    activationKeyHelp: 'La clé de votre confirmation de commande.',
    username: 'E-mail ou nom d’utilisateur',
    password: 'Mot de passe',
    submit: 'Activer',
    submitting: 'Activation…',
    missingKey: 'Saisissez la clé de licence.',
    missingActivationKey: 'Saisissez la clé d’activation.',
    missingUsername: 'Saisissez votre e-mail ou nom d’utilisateur.',
    missingPassword: 'Saisissez votre mot de passe.',
    missingComputerKey: 'Saisissez la clé d’ordinateur.',
    formErrors: 'Veuillez corriger les champs signalés.',
    doneTitle: '{product} est activé',
    doneText: 'La licence est active sur cet ordinateur. Vous pouvez fermer License Desk.',
    clockNote: 'Le serveur indique que l’horloge de cet ordinateur est décalée d’environ {minutes} minutes. L’activation a fonctionné, mais réglez l’heure automatiquement.',
    lsOfflineTitle: 'Activer {product} hors ligne',
    lsStep1: '1. Enregistrer un fichier de demande',
    lsStep1Help: 'Le fichier identifie cet ordinateur et votre licence. Il ne contient aucun mot de passe.',
    severalLicenses: 'Ce compte détient-il plusieurs licences de ce produit ?',
    licenseId: 'ID de licence (facultatif)',
    licenseIdHelp:
      'Seulement pour un compte à plusieurs licences : le numéro que le portail de votre éditeur affiche pour la licence de cet ordinateur. Laissez vide pour utiliser la licence du compte.',
    licenseIdInvalid: 'Un ID de licence est un nombre entier, par exemple 2003.',
    lookUpOnline:
      'Si cet ordinateur accède à Internet, vous pouvez plutôt rechercher vos licences. Le mot de passe ne sert qu’à cette recherche ; il n’est ni enregistré ni mis dans le fichier.',
    saveRequest: 'Enregistrer le fichier de demande…',
    saving: 'Enregistrement…',
    savedTo: 'Enregistré sous',
    sha256: 'SHA-256',
    lsStep2: '2. Obtenir le fichier d’activation',
    lsStep2Items: [
      'Copiez le fichier de demande sur un ordinateur ayant accès à internet, par exemple avec une clé USB.',
      'Sur cet ordinateur, ouvrez le portail de l’éditeur et envoyez le fichier de demande.',
      'Téléchargez le fichier d’activation (.lic) fourni par le portail et rapportez-le sur cet ordinateur.'
    ],
    portal: 'Portail',
    openPortal: 'Ouvrir le portail',
    lsStep3: '3. Importer le fichier d’activation',
    importLic: 'Choisir le fichier d’activation…',
    importing: 'Importation…',
    dropHint: 'Ou déposez le fichier .lic n’importe où dans cette fenêtre.',
    dropActive: 'Relâchez le fichier pour l’importer',
    haveLic: 'J’ai déjà un fichier d’activation',
    qlmOfflineTitle: 'Activer {product} hors ligne',
    qlmStep1: '1. Saisir votre clé d’activation',
    getUrl: 'Créer le lien d’activation',
    gettingUrl: 'Création…',
    qlmStep2: '2. Ouvrir le lien sur un autre appareil',
    qlmStep2Help: 'Ouvrez ce lien sur un téléphone ou un ordinateur connecté à internet. Il affiche une clé d’ordinateur.',
    computerId: 'ID de l’ordinateur',
    activationUrl: 'Lien d’activation',
    qrAlt: 'Code QR du lien d’activation',
    qlmStep3: '3. Saisir la clé d’ordinateur',
    computerKey: 'Clé d’ordinateur',
    computerKeyHelp: 'Saisissez-la exactement comme sur la page d’activation.'
  },
  deactivate: {
    chooseTitle: 'Comment voulez-vous désactiver {product} ?',
    methodLegend: 'Méthode de désactivation',
    online: 'En ligne',
    onlineHelp: 'Libère la place sur le serveur de licences tout de suite. Cet ordinateur doit avoir accès à internet.',
    offline: 'Hors ligne',
    offlineHelpLs: 'Pour les ordinateurs sans internet : enregistre un fichier que vous envoyez depuis un autre ordinateur pour libérer la place.',
    offlineHelpQlm: 'Pour les ordinateurs sans internet : affiche un code que vous saisissez sur la page de libération ou envoyez au support.',
    confirmTitle: 'Désactiver {product} sur cet ordinateur ?',
    confirmOnline: 'La licence sera retirée de cet ordinateur et sa place libérée sur le serveur de licences. Vous pourrez ensuite activer {product} sur un autre ordinateur.',
    confirmOfflineLs:
      'La licence sera retirée de cet ordinateur immédiatement et vous choisirez où enregistrer un fichier de désactivation. La place reste occupée tant que ce fichier n’a pas été envoyé sur le portail.',
    confirmOfflineQlm:
      'La licence sera retirée de cet ordinateur immédiatement et un code de désactivation sera affiché. La place reste occupée tant que le code n’a pas été saisi sur la page de libération ou envoyé au support.',
    confirmWarn: '{product} ne fonctionnera plus sur cet ordinateur.',
    confirm: 'Désactiver',
    confirmSaveFile: 'Désactiver et enregistrer le fichier…',
    confirmShowCode: 'Désactiver et afficher le code',
    progressTitle: 'Désactivation de {product}…',
    cancelled: 'La désactivation a été annulée. Consultez la vue d’ensemble pour l’état actuel de la licence.',
    saveCancelled: 'Aucun fichier n’a été enregistré, rien n’a donc changé. Vous pouvez réessayer.',
    doneTitle: '{product} est désactivé',
    doneText: 'La place a été libérée sur le serveur de licences. Vous pouvez maintenant activer {product} sur un autre ordinateur.',
    alreadyReleased: 'Le serveur avait déjà libéré cette place, sans doute lors d’une tentative précédente. Il n’y a rien d’autre à faire.'
  },
  seats: {
    fileLeadByKey:
      'Pour libérer le poste, téléversez ce fichier sur le portail depuis un ordinateur connecté à internet. License Desk n’avait aucune trace de ce poste : rien n’a été supprimé ici.',
    dvcLeadByKey:
      'Pour libérer le poste, saisissez ce code sur la page de libération ou envoyez-le au support. License Desk n’avait aucune trace de ce poste : rien n’a été supprimé ici.',
    releaseTitle: 'Libérer un poste de licence',
    releaseLead:
      'À utiliser quand License Desk n’a aucune trace du poste : le produit a activé la licence lui-même, ou l’ordinateur qui occupe le poste est perdu, effacé ou en panne.',
    product: 'Produit',
    whoseLegend: 'Poste de quel ordinateur',
    thisComputer: 'Cet ordinateur',
    thisComputerHelp: 'Le produit a activé la licence sur cet ordinateur. License Desk calcule l’ID de cet ordinateur comme le fait le produit de l’éditeur.',
    otherComputer: 'Un autre ordinateur',
    otherComputerHelp: 'Un ordinateur perdu, effacé ou en panne. Indiquez son ID, ou importez son reçu de poste.',
    oldId: 'ID de l’autre ordinateur',
    oldIdHelp: 'Saisissez-le ou collez-le tel quel, ou importez le reçu de poste enregistré sur cet ordinateur-là.',
    importReceipt: 'Importer un reçu de poste…',
    receiptLoaded: 'Reçu de poste de {product}, activé le {date} sur {host}.',
    receiptUnknownHost: 'un ordinateur sans nom',
    methodLegend: 'Comment',
    online: 'En ligne',
    onlineHelp: 'Libère le poste sur le serveur de licences tout de suite.',
    offline: 'Hors ligne',
    offlineHelpLs: 'Enregistre un fichier de demande à téléverser sur le portail depuis un ordinateur connecté à internet.',
    offlineHelpQlm: 'Affiche un code à saisir sur la page de libération ou à envoyer au support.',
    willLoseThis: 'Cet ordinateur va perdre son poste de {product}. Son ID : {id}',
    willLoseOther: 'L’autre ordinateur va perdre son poste de {product}. Son ID : {id}',
    idUnknown: 'L’ID de cet ordinateur pour {product} n’a pas pu être calculé.',
    submit: 'Libérer le poste',
    doneTitle: 'Le poste de {product} est libéré',
    doneThis: 'Le serveur de licences a libéré le poste de cet ordinateur (ID {id}). {product} peut maintenant être activé ailleurs.',
    doneOther: 'Le serveur de licences a libéré le poste de l’autre ordinateur (ID {id}). {product} peut maintenant être activé ailleurs.',
    alreadyReleased: 'Le serveur avait déjà libéré ce poste.',
    idsTitle: 'Les ID de cet ordinateur, par méthode de calcul',
    idsHelp:
      'Si le serveur n’a aucun poste sous l’ID envoyé, le produit de l’éditeur le calcule peut-être autrement : l’éditeur choisit la méthode dans le profil, ou le service informatique indique l’ID avec --hardware-id.',
    recipe: 'Méthode',
    noId: 'aucun',
    receiptsTitle: 'Reçus de poste',
    receiptsLead:
      'License Desk conserve un reçu à chaque activation : le produit, la clé masquée, l’ID d’ordinateur utilisé et la date. Enregistrez-en un ailleurs que sur cet ordinateur : avec lui, le poste peut être libéré depuis un autre ordinateur si celui-ci est perdu.',
    receiptsEmpty: 'Aucun reçu de poste pour l’instant : un reçu est conservé à chaque activation.',
    save: 'Enregistrer…',
    saveNamed: 'Enregistrer le reçu de poste de {product} du {date}',
    saved: 'Enregistré dans {path}.',
    computerId: 'ID de l’ordinateur',
    host: 'Nom de l’ordinateur',
    activated: 'Activé',
    key: 'Clé ou utilisateur'
  },
  record: {
    fileTitle: 'Encore une étape : envoyer le fichier de désactivation',
    fileTitleSeen: 'Fichier de désactivation',
    fileLead:
      'La licence a été retirée de cet ordinateur, mais la place est encore occupée : elle sera libérée quand ce fichier aura été envoyé sur le portail depuis un ordinateur connecté à internet.',
    fileWaiting:
      'License Desk ne voit pas ce qui se passe chez l’éditeur. La réponse du portail après l’envoi vous indique que la place est libre ; d’ici là, elle reste comptée comme occupée.',
    filePath: 'Fichier enregistré',
    showInFolder: 'Afficher dans le dossier',
    stepsTitle: 'Sur l’autre ordinateur',
    fileSteps: [
      'Copiez le fichier sur un ordinateur ayant accès à internet, par exemple avec une clé USB ou un partage réseau.',
      'Ouvrez le portail : {portal}',
      'Envoyez le fichier, ou collez son contenu.',
      'Le portail répond que la licence est désactivée et affiche l’ID de demande {requestId}. La place est alors libre : activez {product} sur le nouvel ordinateur.'
    ],
    portalFallback: 'le portail de l’éditeur',
    copyPortal: 'Copier l’adresse du portail',
    requestId: 'ID de demande',
    savedAt: 'Enregistré le',
    dvcTitle: 'Encore une étape : saisir le code de désactivation',
    dvcTitleSeen: 'Code de désactivation',
    dvcLead:
      'La licence a été retirée de cet ordinateur, mais la place est encore occupée : elle sera libérée quand le code aura été saisi sur la page de libération ou envoyé au support.',
    dvcWaiting:
      'License Desk ne voit pas ce qui se passe chez l’éditeur. La réponse de la page de libération (ou celle du support) vous indique que la place est libre ; d’ici là, elle reste comptée comme occupée.',
    formTitle: 'Ce que demande la page de libération',
    formHelp: 'La page de libération demande ces trois informations, dans cet ordre. Le support a besoin des mêmes.',
    activationKey: 'Clé d’activation',
    activationKeyMissing: 'Votre clé d’activation figure dans votre confirmation de commande.',
    code: 'Code de vérification de désactivation',
    codeSpoken: 'Code de vérification de désactivation, épelé : {code}',
    validToday: 'Valable aujourd’hui seulement (jusqu’à minuit, {date}).',
    validPast: 'Valable uniquement le {date}. Si la place est toujours occupée, contactez le support.',
    computerId: 'ID de l’ordinateur',
    qrTitle: 'Libérer avec votre téléphone',
    qrHelp: 'Scannez le code QR pour ouvrir la page de libération avec le code déjà rempli.',
    qrAlt: 'Code QR de la page de libération',
    selfHelpUrl: 'Page de libération',
    openSelfHelp: 'Ouvrir la page de libération',
    emailSupport: 'Écrire au support',
    emailHelp: 'Ouvre un e-mail prérempli avec le produit, l’ID de l’ordinateur, le code et la date.',
    createdAt: 'Créé le'
  },
  history: {
    title: 'Historique',
    caption: 'Désactivations hors ligne',
    intro: 'Chaque désactivation hors ligne laisse un fichier ou un code. Ouvrez-en un pour l’afficher à nouveau.',
    empty: 'Aucune désactivation hors ligne pour l’instant.',
    product: 'Produit',
    kind: 'Preuve',
    date: 'Date',
    action: 'Action',
    file: 'Fichier de désactivation',
    code: 'Code',
    show: 'Afficher',
    showNamed: 'Afficher {kind} de {product} du {date}'
  },
  error: {
    heading: 'Un problème est survenu',
    details: 'Détails techniques',
    serverSays: 'Message du serveur de licences :',
    code: 'Code d’erreur : {code}',
    retry: 'Réessayer',
    goOffline: 'Continuer hors ligne',
    contactSupport: 'Écrire au support',
    inputKept: 'Vos saisies sont conservées.',
    detailIssuer: 'Certificat émis par : {value}',
    detailProxy: 'Proxy : {value}',
    detailPageTitle: 'Titre de la page : {value}',
    supportSubject: '{app} : {title} ({code})',
    supportBody:
      'Bonjour,\n\nJe n’ai pas pu terminer une opération de licence.\n\nProduit : {product}\nErreur : {code}\nMessage : {message}\nCode serveur : {serverCode}\nID matériel : {hwid}\nVersion de l’application : {version}\n\nMerci.'
  },
  nextSteps: {
    retry: 'Réessayez.',
    retry_later: 'Patientez quelques minutes, puis réessayez.',
    go_offline: 'Réessayez, ou continuez hors ligne si cet ordinateur ne peut pas joindre le serveur.',
    fix_clock: 'Réglez la date et l’heure de cet ordinateur automatiquement dans les paramètres du système, puis réessayez.',
    fix_input: 'Vérifiez votre saisie et réessayez.',
    contact_support: 'Contactez le support avec les détails de cette erreur.',
    check_connection: 'Vérifiez la connexion à internet, puis réessayez.',
    choose_other_folder: 'Choisissez un autre dossier et réessayez.',
    ask_it: 'Adressez-vous à votre service informatique en lui transmettant ce message.',
    none: ''
  },
  errors: {
    network_dns: {
      title: 'Serveur de licences introuvable',
      explain: 'Le nom du serveur n’a pas pu être résolu. Cet ordinateur est peut-être hors ligne ou sur un réseau restreint.',
      next: 'Vérifiez la connexion ou continuez hors ligne.'
    },
    network_refused: {
      title: 'Le serveur de licences refuse la connexion',
      explain: 'Le serveur est joignable mais n’accepte pas de connexion pour le moment.',
      next: 'Réessayez plus tard, ou continuez hors ligne.'
    },
    network_reset: {
      title: 'Connexion interrompue',
      explain: 'La connexion au serveur de licences a été coupée avant l’arrivée de la réponse.',
      next: 'Réessayez ; rien n’a été modifié sur cet ordinateur.'
    },
    network_timeout: {
      title: 'Le serveur de licences ne répond pas',
      explain: 'Aucune réponse n’est arrivée à temps. Le réseau est peut-être lent ou bloqué.',
      next: 'Réessayez, ou continuez hors ligne.'
    },
    network_tls: {
      title: 'La connexion sécurisée a échoué',
      explain: 'Le certificat du serveur n’a pas pu être vérifié. Un proxy ou un pare-feu interfère peut-être.',
      next: 'Contactez votre service informatique ou le support.'
    },
    network_failed: { title: 'Pas de connexion au serveur de licences', explain: 'La requête n’a pas pu être envoyée.', next: 'Vérifiez la connexion ou continuez hors ligne.' },
    network_proxy_auth: {
      title: 'Le proxy demande une identification',
      explain: 'Le serveur proxy de votre réseau demande un nom d’utilisateur et un mot de passe que License Desk n’a pas reçus, ou qu’il a refusés.',
      next: 'Demandez un accès au proxy à votre service informatique, ou continuez hors ligne.'
    },
    network_proxy_refused: {
      title: 'Le proxy a bloqué le serveur de licences',
      explain: 'Le serveur proxy de votre réseau a refusé de se connecter au serveur de licences.',
      next: 'Demandez à votre service informatique d’autoriser l’adresse du serveur de licences, ou continuez hors ligne.'
    },
    network_proxy_unreachable: {
      title: 'Serveur proxy injoignable',
      explain: 'Le serveur proxy que cet ordinateur doit utiliser est injoignable.',
      next: 'Vérifiez le réglage du proxy ou adressez-vous à votre service informatique, ou continuez hors ligne.'
    },
    network_tls_untrusted: {
      title: 'Certificat non approuvé',
      explain:
        'Le certificat du serveur de licences a été émis par une autorité que cet ordinateur n’approuve pas. Les entreprises qui inspectent les connexions sécurisées utilisent leur propre certificat racine.',
      next: 'Demandez à votre service informatique le certificat racine de l’entreprise (un fichier PEM) et donnez-le à License Desk, ou contactez le support.'
    },
    network_captive_portal: {
      title: 'Une page web est revenue à la place du serveur de licences',
      explain: 'Ce réseau demande peut-être de vous connecter d’abord (Wi-Fi d’hôtel ou invité), ou un proxy d’entreprise a bloqué la requête.',
      next: 'Connectez-vous avec un navigateur web et réessayez, ou demandez à votre service informatique d’autoriser le serveur de licences.'
    },
    network_redirect: {
      title: 'Le serveur de licences nous a renvoyés ailleurs',
      explain: 'Le serveur a répondu par une redirection. Les demandes de licence ne sont envoyées qu’au serveur de l’éditeur, elle n’a donc pas été suivie.',
      next: 'Connectez-vous au réseau avec un navigateur si nécessaire ; sinon, contactez le support.'
    },
    server_unavailable: { title: 'Serveur de licences indisponible', explain: 'Le serveur a signalé un problème interne.', next: 'Réessayez dans quelques minutes.' },
    rate_limited: { title: 'Trop de requêtes', explain: 'Le serveur de licences demande de ralentir.', next: 'Patientez une minute, puis réessayez.' },
    http_status: {
      title: 'Réponse inattendue du serveur',
      explain: 'Le serveur a répondu avec un statut inattendu.',
      next: 'Réessayez ; si cela se reproduit, contactez le support.'
    },
    response_too_large: {
      title: 'Réponse du serveur trop volumineuse',
      explain: 'La réponse était bien plus volumineuse qu’une réponse de licence ne peut l’être, elle n’a donc pas été lue.',
      next: 'Réessayez plus tard ; si cela se reproduit, contactez le support.'
    },
    bad_response: {
      title: 'Réponse du serveur illisible',
      explain: 'La réponse était vide ou dans un format inattendu. Un proxy l’a peut-être remplacée.',
      next: 'Réessayez ; si cela se reproduit, contactez le support.'
    },
    server_refused: {
      title: 'Le serveur de licences a refusé la demande',
      explain: 'Le serveur a compris la demande mais ne l’a pas acceptée.',
      next: 'Réessayez ; si cela se reproduit, contactez le support.'
    },
    clock_skew: {
      title: 'L’horloge de cet ordinateur est fausse',
      explain: 'Le serveur de licences refuse les requêtes dont l’heure s’écarte trop de la sienne.',
      next: 'Réglez la date et l’heure automatiquement, puis réessayez.'
    },
    signature_invalid: {
      title: 'La réponse n’a pas pu être vérifiée',
      explain: 'La signature de la réponse ou du fichier ne correspond pas. Elle a peut-être été modifiée.',
      next: 'Obtenez un nouveau fichier ou contactez le support.'
    },
    cancelled: { title: 'Annulé', explain: 'L’opération a été annulée.', next: 'Vous pouvez recommencer quand vous le souhaitez.' },
    profile_not_found: {
      title: 'Configuration manquante',
      explain: 'La configuration de l’éditeur pour License Desk est introuvable.',
      next: 'Réinstallez le produit ou contactez le support.'
    },
    profile_invalid: { title: 'Configuration endommagée', explain: 'La configuration de l’éditeur contient une erreur.', next: 'Contactez le support.' },
    product_unknown: { title: 'Produit inconnu', explain: 'Ce produit ne fait pas partie de la configuration.', next: 'Revenez à la vue d’ensemble et choisissez un produit.' },
    invalid_input: { title: 'Vérifiez votre saisie', explain: 'Une saisie n’a pas le format attendu.', next: 'Corrigez-la et réessayez.' },
    not_active: { title: 'Non activé', explain: 'Ce produit n’est pas activé sur cet ordinateur, il n’y a donc rien à désactiver.', next: 'Revenez à la vue d’ensemble.' },
    already_active: { title: 'Déjà activé', explain: 'Ce produit est déjà activé sur cet ordinateur.', next: 'Désactivez-le d’abord pour utiliser une autre clé.' },
    offline_not_supported: {
      title: 'Hors ligne indisponible',
      explain: 'Ce produit ne peut être activé ou désactivé qu’en ligne.',
      next: 'Connectez-vous à internet et utilisez l’option en ligne.'
    },
    no_pending_request: {
      title: 'Aucun fichier de demande trouvé',
      explain: 'Importez un fichier d’activation seulement après avoir enregistré un fichier de demande sur cet ordinateur.',
      next: 'Recommencez l’activation hors ligne.'
    },
    lic_mismatch: {
      title: 'Le fichier d’activation est destiné à un autre ordinateur',
      explain: 'Le fichier ne correspond pas à la demande ou au produit de cet ordinateur.',
      next: 'Utilisez le fichier issu de la demande de cet ordinateur.'
    },
    file_invalid: {
      title: 'Fichier non reconnu',
      explain: 'Le fichier n’est pas un fichier d’activation valide.',
      next: 'Choisissez le fichier .lic téléchargé depuis le portail.'
    },
    file_read: { title: 'Le fichier n’a pas pu être lu', explain: 'Le fichier n’a pas pu être ouvert.', next: 'Vérifiez qu’il existe toujours et réessayez.' },
    file_write: {
      title: 'Le fichier n’a pas pu être enregistré',
      explain: 'Le dossier est peut-être en lecture seule ou le disque plein. Rien n’a été modifié.',
      next: 'Choisissez un autre dossier et réessayez.'
    },
    state_corrupt: {
      title: 'Données de licence endommagées',
      explain: 'Les données de licence enregistrées étaient illisibles. Elles ont été mises de côté pour le support.',
      next: 'Contactez le support.'
    },
    state_locked: {
      title: 'Données de licence en cours d’utilisation',
      explain: 'Une autre fenêtre ou commande License Desk modifie les données de licence.',
      next: 'Fermez-la et réessayez.'
    },
    secret_unavailable: {
      title: 'Stockage sécurisé indisponible',
      explain: 'Le stockage sécurisé du système ou le fichier de clé de License Desk n’a pas pu être utilisé.',
      next: 'Reconnectez-vous à votre compte utilisateur et réessayez ; si cela se reproduit, contactez le support.'
    },
    state_not_saved: {
      title: 'Fait sur le serveur, pas enregistré ici',
      explain: 'Le serveur de licences a traité la demande, mais License Desk n’a pas pu l’enregistrer sur cet ordinateur (le disque est peut-être plein).',
      next: 'Libérez de l’espace disque et refaites la même étape : License Desk la termine alors sans occuper une seconde place.'
    },
    setting_invalid: {
      title: 'Réglage non valide',
      explain: 'Un réglage d’environnement de License Desk a une valeur inutilisable.',
      next: 'Corrigez ou supprimez le réglage, puis relancez License Desk.'
    },
    hwid_unavailable: { title: 'Identifiant matériel indisponible', explain: 'L’identifiant matériel de cet ordinateur n’a pas pu être lu.', next: 'Contactez le support.' },
    hwid_empty: { title: 'Identifiant matériel vide', explain: 'Le système a renvoyé un identifiant matériel vide.', next: 'Contactez le support.' },
    hwid_fallback: {
      title: 'Identifiant matériel de secours',
      explain: 'La source habituelle de l’identifiant matériel était indisponible, une source de secours a été utilisée.',
      next: 'Contactez le support avant de déplacer la licence.'
    },
    hwid_invalid: {
      title: 'ID d’ordinateur inutilisable',
      explain: 'Le programme d’ID de l’éditeur, ou l’ID indiqué, n’est pas une seule ligne de texte imprimable de longueur admise.',
      next: 'Vérifiez l’ID, ou contactez le support.'
    },
    seat_not_found: {
      title: 'Aucun poste pour cet ordinateur',
      explain: 'Le serveur de licences n’a aucun poste pour cette clé sous l’ID d’ordinateur envoyé.',
      next: 'Essayez une autre méthode de calcul de l’ID (voir les détails), ou libérez le poste depuis le portail de l’éditeur.'
    },
    internal: {
      title: 'Problème inattendu',
      explain: 'License Desk a rencontré un problème inattendu. Rien n’a été modifié.',
      next: 'Réessayez ; si cela se reproduit, contactez le support.'
    }
  },
  serverCodes: {
    license_not_found: { title: 'Aucune licence ne correspond à cette clé', explain: 'Comparez la clé avec votre confirmation de commande.' },
    license_not_enabled: { title: 'Cette licence a été désactivée par l’éditeur', explain: 'Seul l’éditeur peut la réactiver.' },
    license_not_active: { title: 'Cette licence n’est pas encore active', explain: 'L’éditeur ne l’a pas encore démarrée.' },
    license_activated_max_times: { title: 'Cette licence est utilisée sur autant d’ordinateurs que permis', explain: 'Désactivez-la d’abord sur un autre ordinateur.' },
    license_transferred_max_times: {
      title: 'Cette licence a été déplacée autant de fois que permis',
      explain: 'Elle ne peut plus être libérée d’ici ; le support peut vous aider.'
    },
    license_expired: { title: 'Cette licence a expiré', explain: 'Renouvelez-la auprès de l’éditeur pour continuer à l’utiliser.' },
    device_not_found: { title: 'Cet ordinateur n’est pas enregistré pour cette licence', explain: 'La place est peut-être déjà libre.' },
    date_header_diff: {
      title: 'L’horloge de cet ordinateur s’écarte trop de celle du serveur',
      explain: 'Le serveur refuse les requêtes dont l’heure est trop éloignée de la sienne.'
    },
    unknown_product: { title: 'Le serveur de licences ne connaît pas ce produit', explain: 'La configuration de l’éditeur est peut-être obsolète.' },
    invalid_credentials: { title: 'L’e-mail ou le mot de passe est incorrect', explain: 'Vérifiez les deux et réessayez.' },
    user_not_found: { title: 'Aucun utilisateur avec cet e-mail', explain: 'Vérifiez l’adresse e-mail.' },
    unauthorized: { title: 'La requête n’a pas été autorisée', explain: 'La configuration de l’éditeur est peut-être obsolète.' },
    license_key_not_valid: { title: 'La clé de licence n’est pas valide', explain: 'Comparez la clé avec votre confirmation de commande.' },
    floating_not_available: { title: 'Toutes les places de cette licence flottante sont occupées', explain: 'Demandez à un collègue d’en libérer une, ou réessayez plus tard.' },
    license_borrow_not_allowed: { title: 'L’éditeur n’autorise pas l’emprunt de cette licence', explain: 'Utilisez-la tant que cet ordinateur est en ligne.' },
    borrow_until_not_valid: { title: 'La licence ne peut pas être empruntée jusqu’à cette date', explain: 'Choisissez une date plus proche.' },
    oauth_token_expired: {
      title: 'Le jeton d’accès du serveur de licences a expiré',
      explain: 'Un nouveau jeton a été refusé ; la configuration de l’éditeur est peut-être obsolète.'
    },
    oauth_token_malformed: { title: 'Le serveur de licences n’a pas accepté le jeton d’accès de License Desk', explain: 'La configuration de l’éditeur est peut-être obsolète.' },
    invalid_client: {
      title: 'Le service de connexion de l’éditeur a refusé les identifiants client de License Desk',
      explain: 'La configuration de l’éditeur est peut-être obsolète.'
    },
    authorization_invalid_headers: {
      title: 'Le serveur de licences a refusé la façon dont License Desk s’est identifié',
      explain: 'L’éditeur exige peut-être OAuth ; la configuration de l’éditeur est peut-être obsolète.'
    },
    invalid_product_auth_method: { title: 'Ce produit s’active avec une clé de licence, pas avec un compte', explain: 'Choisissez plutôt la clé de licence.' }
  },
  floating: {
    title: 'Licence flottante',
    shared: 'Partagée par {users} ordinateurs à la fois.',
    sharedOne: 'Un ordinateur à la fois.',
    borrowedUntil: 'Empruntée pour un usage hors ligne jusqu’au {date}',
    remaining: 'encore {time}',
    notBorrowable: 'L’éditeur n’autorise pas son emprunt pour un usage hors ligne.',
    borrowLabel: 'Emprunter pour un usage hors ligne jusqu’au',
    borrowHelp: 'Au plus {hours} heures à partir de maintenant.',
    borrow: 'Emprunter',
    borrowNamed: 'Emprunter {product} pour un usage hors ligne',
    borrowing: 'Emprunt en cours…',
    release: 'Rendre la place maintenant',
    releaseNamed: 'Rendre la place de {product} maintenant',
    releasing: 'Restitution en cours…',
    borrowed: 'Empruntée jusqu’au {date}.',
    released: 'La place est rendue : un collègue peut la prendre maintenant.',
    badDate: 'Choisissez une date et une heure dans le futur, au plus {hours} heures à partir de maintenant.',
    days: '{d} j {h} h',
    hours: '{h} h {m} min',
    minutes: '{m} min'
  },
  sso: {
    explain: 'Vous vous connectez avec votre compte d’entreprise dans votre navigateur web. License Desk y ouvre la page de connexion et vous attend.',
    submit: 'Se connecter et activer',
    waiting: 'En attente de la connexion…',
    waitingExplain: 'Terminez la connexion dans votre navigateur web, puis revenez ici. « Annuler » arrête l’attente.'
  },
  licensePicker: {
    find: 'Choisir parmi mes licences',
    finding: 'Recherche de vos licences…',
    legend: 'Votre compte possède plusieurs licences de ce produit. Laquelle cet ordinateur doit-il utiliser ?',
    one: 'Votre compte possède une licence de ce produit ; elle sera utilisée.',
    none: 'Votre compte ne possède aucune licence de ce produit.',
    needAccount: 'Saisissez d’abord votre nom d’utilisateur et votre mot de passe.',
    summary: '{type}, {used} place(s) sur {max} utilisée(s)',
    until: 'valable jusqu’au {date}',
    floating: 'flottante',
    trial: 'Essai'
  }
}
