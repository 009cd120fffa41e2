import type { Dictionary } from '../i18n.js';

/**
 * German for the shell: its keyed messages, then the pages' and components' English texts
 * (gettext style). Sie-Form throughout; "Mandant" for tenant, "Gerät" for device.
 * test/i18n checks that every t() text of the shell has an entry here with the same placeholders.
 */
const de: Dictionary = {
  'app.name': 'Outpost',
  'signIn.title': 'Bei Outpost anmelden',
  'signIn.email': 'E-Mail-Adresse',
  'signIn.password': 'Passwort',
  'signIn.submit': 'Anmelden',
  'signIn.captcha': 'Geben Sie die Zeichen im Bild ein',
  'signIn.captchaRefresh': 'Neues Bild',
  'signIn.totp': 'Code aus Ihrer Authenticator-App',
  'signIn.totpHint':
    'Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code oder einen Wiederherstellungscode ein.',
  'signIn.verify': 'Bestätigen',
  'signIn.changeTitle': 'Eigenes Passwort wählen',
  'signIn.changeHint':
    'Sie haben sich mit einem generierten Passwort angemeldet. Wählen Sie ein eigenes, um fortzufahren.',
  'signIn.current': 'Aktuelles Passwort',
  'signIn.new': 'Neues Passwort',
  'signIn.repeat': 'Neues Passwort wiederholen',
  'signIn.mismatch': 'Die beiden Passwörter stimmen nicht überein.',
  'signIn.save': 'Speichern und fortfahren',
  'signIn.sessionsTitle': 'Benutzersitzungen',
  'signIn.sessionsHint':
    'Sie haben {count, plural, one {# offene Sitzung} other {# offene Sitzungen}}, die höchstens erlaubte Anzahl. Beenden Sie eine, um fortzufahren; die ältesten stehen unten.',
  'signIn.endSession': 'Sitzung beenden',
  'signIn.forgot': 'Passwort vergessen?',
  'signIn.signUp': 'Konto erstellen',
  'session.current': 'dieser Browser',
  'session.lastSeen': 'zuletzt aktiv {time}',
  'shell.menu': 'Menü',
  'shell.dashboard': 'Übersicht',
  'shell.setup': 'Einrichtung',
  'shell.admin': 'Verwaltung',
  'shell.settings': 'Einstellungen',
  'shell.signOut': 'Abmelden',
  'shell.tenant': 'Mandant',
  'shell.live': 'Verbunden',
  'shell.connecting': 'Verbindung wird hergestellt…',
  'shell.offline': 'Offline: Verbindung wird wiederhergestellt',
  'dashboard.title': 'Übersicht',
  'dashboard.welcome': 'Willkommen, {name}',
  'dashboard.navHint': 'Im Menü finden Sie alles, was Sie in {tenant} öffnen können.',
  'notFound.title': 'Seite nicht gefunden',
  'notFound.text': 'Unter dieser Adresse gibt es keine Seite, oder Sie dürfen sie nicht öffnen:',
  'notFound.home': 'Zur Übersicht',
  'toast.signedOut': 'Sie sind abgemeldet.',
  'toast.accessEnded':
    'Ihre Sitzung ist abgelaufen oder Ihre Berechtigungen haben sich geändert. Melden Sie sich erneut an.',
  'toast.passwordChanged': 'Ihr Passwort wurde geändert.',
  'toast.tenantSwitched': 'Sie arbeiten jetzt in {tenant}.',
  'toast.more': '{count, plural, one {und # weitere} other {und # weitere}}',
  'toast.close': 'Schließen',
  'error.generic': 'Etwas ist schiefgegangen: {message}',
  'shell.tour': 'Rundgang starten',
  'tour.step': 'Schritt {step} von {count}',
  'tour.skip': 'Rundgang überspringen',
  'tour.back': 'Zurück',
  'tour.next': 'Weiter',
  'tour.finish': 'Fertig',
  'tour.welcomeTitle': 'Willkommen bei Outpost',
  'tour.welcomeText':
    'Dieser kurze Rundgang zeigt, wo Sie was finden. Sie können ihn jetzt überspringen und später über das Menü unten links erneut starten.',
  'tour.navTitle': 'Alles Wichtige im Menü',
  'tour.navText':
    'Das Menü links führt Ihre tägliche Arbeit auf: Geräte, Tickets und die weiteren Funktionen, die Ihr Administrator freigeschaltet hat. Unter „Einstellungen“ am Ende finden Sie Ihr Konto, Team, Rollen, API-Schlüssel, das Protokoll und die Einstellungen jeder Funktion.',
  'tour.tenantTitle': 'Eine Konsole, viele Kunden',
  'tour.tenantText':
    'Wenn Sie für mehrere Kunden arbeiten, wählen Sie oben im Menü den Mandanten. Alles, was Sie dann sehen und tun, gehört zu diesem Mandanten.',
  'tour.liveTitle': 'Live, ohne Neuladen',
  'tour.liveText':
    'Der Punkt unten im Menü zeigt die Live-Verbindung. Geräte, die online gehen, neue Tickets und Antworten erscheinen, sobald sie eintreffen.',
  'tour.accountTitle': 'Ihr Konto',
  'tour.accountText':
    'Die Einstellungen öffnen Sie über das Menü unten links: Name, Zeitzone und Datumsformat, Passwort, Zwei-Faktor-Authentifizierung, Ihre Sitzungen und welche Benachrichtigungen Sie erhalten.',
  // Settings: its tabs, the Notifications and Billing tabs.
  Settings: 'Einstellungen',
  'Account & security': 'Konto und Sicherheit',
  Notifications: 'Benachrichtigungen',
  Team: 'Team',
  Roles: 'Rollen',
  'API keys': 'API-Schlüssel',
  'Audit log': 'Protokoll',
  Tenants: 'Mandanten',
  Billing: 'Abrechnung',
  'What to show': 'Was angezeigt wird',
  'No enabled feature sends notifications.': 'Keine aktivierte Funktion sendet Benachrichtigungen.',
  'Notification choices are kept per tenant: choose a tenant first.':
    'Benachrichtigungseinstellungen gelten je Mandant: Wählen Sie zuerst einen Mandanten.',
  Show: 'Anzeigen',
  'Play a sound': 'Ton abspielen',
  'Browser notifications': 'Browser-Benachrichtigungen',
  'Outpost shows what happens as toasts. Allow browser notifications to hear about it while this tab is in the background.':
    'Outpost zeigt Ereignisse als Hinweise an. Erlauben Sie Browser-Benachrichtigungen, um davon auch zu erfahren, während dieser Tab im Hintergrund ist.',
  'Allow browser notifications': 'Browser-Benachrichtigungen erlauben',
  'Your notification settings are saved.': 'Ihre Benachrichtigungseinstellungen sind gespeichert.',
  'The browser did not allow notifications; change it in the site settings.':
    'Der Browser hat Benachrichtigungen nicht erlaubt; ändern Sie das in den Website-Einstellungen.',
  'Browser notifications are on.': 'Browser-Benachrichtigungen sind eingeschaltet.',
  'no limit': 'unbegrenzt',
  Plan: 'Tarif',
  '(current)': '(aktuell)',
  Limits: 'Grenzen',
  Features: 'Funktionen',
  all: 'alle',
  'Plan: {plan}': 'Tarif: {plan}',
  '{label}: {used} (no limit)': '{label}: {used} (unbegrenzt)',
  '{label}: {used} of {limit}': '{label}: {used} von {limit}',
  'A customer tenant’s plan is changed on the Tenants tab, from the MSP’s own tenant.':
    'Den Tarif eines Kundenmandanten ändern Sie im Tab „Mandanten“, aus dem eigenen Mandanten des MSP.',
  Plans: 'Tarife',
  // The command palette.
  Search: 'Suchen',
  Pages: 'Seiten',
  Actions: 'Aktionen',
  'Search and commands': 'Suche und Befehle',
  'Search devices, tickets, contacts, pages and actions': 'Geräte, Tickets, Kontakte, Seiten und Aktionen suchen',
  Result: 'Ergebnis',
  Results: 'Ergebnisse',
  'Back to the results': 'Zurück zu den Ergebnissen',
  '“{action}” failed: {message}': '„{action}“ ist fehlgeschlagen: {message}',
  'Searching…': 'Suche läuft…',
  'Type a device name, ID or IP address, a ticket number, a contact, a page or an action.':
    'Geben Sie einen Gerätenamen, eine Geräte-ID oder IP-Adresse, eine Ticketnummer, einen Kontakt, eine Seite oder eine Aktion ein.',
  'Nothing found for “{query}”.': 'Nichts gefunden für „{query}“.',
  '{count, plural, one {# result} other {# results}}': '{count, plural, one {# Ergebnis} other {# Ergebnisse}}',
  // The theme, in the account menu.
  Theme: 'Design',
  'Same as the device': 'Wie das Gerät',
  Light: 'Hell',
  Dark: 'Dunkel',
  // A table's view options (outpost-table-options).
  'View options': 'Ansichtsoptionen',
  'View options: {table}': 'Ansichtsoptionen: {table}',
  Close: 'Schließen',
  Columns: 'Spalten',
  Density: 'Dichte',
  Comfortable: 'Großzügig',
  Compact: 'Kompakt',
  'Saved filters': 'Gespeicherte Filter',
  Delete: 'Löschen',
  'Delete the saved filter {name}': 'Gespeicherten Filter {name} löschen',
  'None yet: filter the list, then save the filters here under a name.':
    'Noch keine: Filtern Sie die Liste und speichern Sie die Filter hier unter einem Namen.',
  'Name for the current filters': 'Name für die aktuellen Filter',
  'Save filters': 'Filter speichern',
  'Your view could not be saved: {message}': 'Ihre Ansicht konnte nicht gespeichert werden: {message}',
  'You keep {count} saved filters here; delete one first.':
    'Hier sind bereits {count} Filter gespeichert; löschen Sie zuerst einen.',
  'Filter “{name}” saved.': 'Filter „{name}“ gespeichert.',
  // The tenant's brand color (Tenants page).
  'Brand color': 'Markenfarbe',
  'The accent of buttons, links and the menu for everyone working in {tenant}. Text on it stays readable.':
    'Die Akzentfarbe von Schaltflächen, Links und Menü für alle, die in {tenant} arbeiten. Text darauf bleibt lesbar.',
  'Save brand color': 'Markenfarbe speichern',
  'Use Outpost’s blue': 'Outpost-Blau verwenden',
  'The brand color is saved.': 'Die Markenfarbe ist gespeichert.',
};

export default de;
