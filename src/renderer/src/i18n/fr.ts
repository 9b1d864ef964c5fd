// French: the texts of the app's chrome and of Home (as en.ts), loaded before the first render.
import type { FirstMessages } from './types'

export const fr: FirstMessages = {
  lang: 'fr',
  app: {
    skipToContent: 'Aller au contenu principal',
    overview: 'Vue d’ensemble',
    history: 'Historique',
    mainNav: 'Navigation principale',
    demoBadge: 'Démo',
    demoNote: 'Mode démo : l’application dialogue avec le serveur de licences local intégré.',
    loading: 'Chargement…',
    version: 'Version {version}',
    copyDiagnostics: 'Copier le diagnostic pour le support',
    supportTitle: 'Pour le support',
    supportIntro: 'Le support peut vous demander ces informations lorsque vous le contactez.',
    diagnosticsCopied: 'Diagnostic copié dans le presse-papiers.'
  },
  common: {
    copy: 'Copier',
    copied: 'Copié',
    copiedAnnounce: 'Copié dans le presse-papiers.',
    copyNamed: 'Copier {what}',
    copyFailed: 'Problème inattendu'
  },
  states: {
    inactive: 'Non activé',
    active: 'Actif',
    'offline-deactivated': 'En attente de l’éditeur',
    'offline-activation-pending': 'Activation hors ligne en cours'
  },
  home: {
    title: 'Vos licences',
    intro: 'Activez un produit sur cet ordinateur, ou libérez sa place pour l’utiliser sur un autre.',
    hardwareLabel: 'Identifiant matériel de cet ordinateur',
    hardwareHelp: 'Lu depuis : {source}',
    hardwareUnavailable: 'L’identifiant matériel de cet ordinateur n’a pas pu être lu.',
    products: 'Produits',
    keyHint: 'Clé de licence',
    username: 'Utilisateur',
    licenseType: 'Type de licence',
    licenseTypes: { trial: 'Essai', perpetual: 'Perpétuelle', subscription: 'Abonnement', 'time-limited': 'Limitée dans le temps', consumption: 'À la consommation' },
    expires: 'Expire le',
    never: 'Jamais',
    activatedAt: 'Activée le',
    activatedOffline: 'activée hors ligne',
    activate: 'Activer',
    activateNamed: 'Activer {product}',
    deactivate: 'Désactiver',
    deactivateNamed: 'Désactiver {product}',
    completeActivation: 'Terminer l’activation hors ligne',
    completeActivationNamed: 'Terminer l’activation hors ligne de {product}',
    showLastRelease: 'Afficher la preuve de libération',
    showLastReleaseNamed: 'Afficher la preuve de libération de {product}',
    waitingUpload: 'En attente de l’envoi',
    waitingCode: 'En attente du code',
    releasedNoteFile:
      'Retirée de cet ordinateur le {date}. La place reste occupée tant que le fichier de désactivation n’a pas été envoyé sur le portail de l’éditeur. License Desk ne voit pas ce qui se passe chez l’éditeur : la réponse du portail à l’envoi vous indique que la place est libre.',
    releasedNoteCode:
      'Retirée de cet ordinateur le {date}. La place reste occupée tant que le code de désactivation n’a pas été saisi sur la page de libération de l’éditeur ou envoyé au support. License Desk ne voit pas ce qui se passe chez l’éditeur : la réponse de la page de libération vous indique que la place est libre.',
    pendingNote: 'Un fichier de demande a été enregistré. Importez le fichier d’activation (.lic) pour terminer.',
    noProducts: 'Aucun produit n’est configuré.',
    stateMoved:
      'License Desk a trouvé son état enregistré endommagé et est reparti de zéro. Le fichier endommagé a été conservé sous {path} : envoyez-le au support s’il manque une licence ici.',
    clockOff: 'L’horloge de cet ordinateur est décalée d’environ {minutes} minutes. Réglez l’heure automatiquement dans les paramètres du système pour éviter des erreurs.'
  },
  seats: {
    homeTitle: 'Postes',
    release: 'Libérer une licence présente sur cet ordinateur',
    releaseHelp: 'Pour un poste que License Desk n’a pas pris lui-même (le produit l’a activé), ou le poste d’un ordinateur perdu, effacé ou en panne.',
    releaseOther: 'Libérer le poste d’un autre ordinateur',
    receipts: 'Reçus de poste',
    seatsLabel: 'Postes',
    inUse: '{inUse} sur {max} utilisés',
    inUseOnly: '{inUse} utilisés',
    transfersLeft: '{left} transferts restants',
    transfersMade: '{count} transferts effectués',
    check: 'Vérifier auprès du serveur',
    checkNamed: 'Vérifier {product} auprès du serveur',
    checking: 'Interrogation du serveur de licences…',
    verdicts: {
      ok: 'Le serveur confirme le poste de cet ordinateur.',
      gone: 'Le serveur n’a plus le poste de cet ordinateur : il a été libéré ailleurs, ou la licence a été supprimée.',
      disabled: 'Le serveur indique que cette licence est désactivée.',
      expired: 'Le serveur indique que cette licence a expiré.',
      not_confirmed: 'Le serveur ne confirme pas le poste de cet ordinateur.'
    },
    serverSaid: 'Le serveur a répondu :',
    removeOffer: 'License Desk conserve encore la trace de cette licence. Ne la supprimez que si vous n’utilisez plus {product} ici.',
    remove: 'Supprimer de cet ordinateur',
    removeNamed: 'Supprimer {product} de cet ordinateur',
    removed: '{product} a été supprimé de cet ordinateur.'
  },
  progress: {
    preparing: 'Préparation…',
    contacting: 'Connexion au serveur de licences…',
    retrying: 'Pas encore de réponse, nouvel essai (tentative {attempt})…',
    retryingIn: 'Pas encore de réponse, nouvel essai dans {seconds} s (tentative {attempt})…',
    verifying: 'Vérification de la réponse…',
    saving: 'Enregistrement…',
    done: 'Terminé.'
  }
}
