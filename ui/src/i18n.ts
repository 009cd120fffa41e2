/**
 * The one localization layer: every visible string goes through t(). The shell's
 * messages have keys (below); the pages pass their English text itself, gettext-style,
 * and a translation maps that text to its own. English is shipped; a language without
 * a dictionary, or a string without a translation, falls back to English.
 *
 * Plurals use ICU's syntax, so a translation can have as many forms as its language:
 * `t('{count, plural, one {# device} other {# devices}}', { count })`. `=0 {...}` matches
 * a number exactly; otherwise the language's rule (Intl.PluralRules) picks the form,
 * with `other` as the fallback; `#` is the number.
 */
const en = {
  'app.name': 'Outpost',
  'signIn.title': 'Sign in to Outpost',
  'signIn.email': 'E-mail address',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.captcha': 'Type the characters in the image',
  'signIn.captchaRefresh': 'New image',
  'signIn.totp': 'Code from your authenticator app',
  'signIn.totpHint': 'Open your authenticator app and enter the 6-digit code, or a recovery code.',
  'signIn.verify': 'Verify',
  'signIn.changeTitle': 'Choose your own password',
  'signIn.changeHint': 'You signed in with a generated password. Choose your own to continue.',
  'signIn.current': 'Current password',
  'signIn.new': 'New password',
  'signIn.repeat': 'Repeat the new password',
  'signIn.mismatch': 'The two passwords differ.',
  'signIn.save': 'Save and continue',
  'signIn.sessionsTitle': 'User sessions',
  'signIn.sessionsHint':
    'You have {count, plural, one {# open session} other {# open sessions}}, the most allowed. End one to continue; the oldest are at the bottom.',
  'signIn.endSession': 'End session',
  'signIn.forgot': 'Forgot your password?',
  'signIn.signUp': 'Create an account',
  'session.current': 'this browser',
  'session.lastSeen': 'last seen {time}',
  'shell.menu': 'Menu',
  'shell.dashboard': 'Dashboard',
  'shell.team': 'Team',
  'shell.roles': 'Roles',
  'shell.apiKeys': 'API keys',
  'shell.audit': 'Audit log',
  'shell.tenants': 'Tenants',
  'shell.setup': 'Set-up',
  'shell.admin': 'Administration',
  'shell.account': 'Account settings',
  'shell.signOut': 'Sign out',
  'shell.tenant': 'Tenant',
  'shell.live': 'Live',
  'shell.connecting': 'Connecting…',
  'shell.offline': 'Offline: reconnecting',
  'dashboard.title': 'Dashboard',
  'dashboard.welcome': 'Welcome, {name}',
  'dashboard.navHint': 'The menu lists what you can open in {tenant}.',
  'notFound.title': 'Page not found',
  'notFound.text': 'There is no page at this address, or you may not open it:',
  'notFound.home': 'Go to the dashboard',
  'toast.signedOut': 'You are signed out.',
  'toast.accessEnded': 'Your session ended or your access changed. Sign in again.',
  'toast.passwordChanged': 'Your password is changed.',
  'toast.tenantSwitched': 'Now working in {tenant}.',
  'toast.more': '{count, plural, one {and # more} other {and # more}}',
  'toast.close': 'Close',
  'error.generic': 'Something went wrong: {message}',
  'shell.tour': 'Take the tour',
  'tour.step': 'Step {step} of {count}',
  'tour.skip': 'Skip the tour',
  'tour.back': 'Back',
  'tour.next': 'Next',
  'tour.finish': 'Done',
  'tour.welcomeTitle': 'Welcome to Outpost',
  'tour.welcomeText':
    'This short tour shows where things are. You can skip it now and take it again from the menu at the lower left.',
  'tour.navTitle': 'Everything is in the menu',
  'tour.navText':
    'The menu on the left lists what you can open: devices, tickets and the other features your administrator enabled, and the team, roles, audit log and API keys.',
  'tour.tenantTitle': 'One console, many customers',
  'tour.tenantText':
    'If you work for several customers, pick the tenant at the top of the menu. Everything you see and do then belongs to that tenant.',
  'tour.liveTitle': 'Live, without reloading',
  'tour.liveText':
    'The dot at the bottom of the menu shows the live connection. Devices coming online, new tickets and replies appear as they happen.',
  'tour.accountTitle': 'Your account',
  'tour.accountText':
    'Open your account settings from the lower left: your name, time zone and date format, your password, two-factor authentication and your sessions.',
};

export type MessageKey = keyof typeof en;
type Dictionary = Partial<Record<MessageKey, string>> & Record<string, string | undefined>;
const dictionaries: Record<string, Dictionary> = { en };
let current: Dictionary = en;
let language = 'en';

/** Picks the dictionary for a BCP 47 tag (`en-GB` uses `en`). */
export function setLanguage(tag: string): void {
  current = dictionaries[tag] ?? dictionaries[tag.split('-')[0] ?? ''] ?? en;
  language = tag;
  document.documentElement.lang = tag;
}

export function t(key: MessageKey | (string & {}), vars: Record<string, string | number> = {}): string {
  const text = current[key] ?? (en as Dictionary)[key] ?? key;
  return selectPlurals(text, vars).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Replaces each `{name, plural, ...}` argument with the form its number takes in the current language. */
function selectPlurals(text: string, vars: Record<string, string | number>): string {
  const start = /\{(\w+),\s*plural,/.exec(text);
  if (!start) return text;
  const parsed = pluralForms(text, start.index + start[0].length);
  if (!parsed) return text;
  const count = Number(vars[start[1]!]);
  const form =
    parsed.forms.get(`=${count}`) ??
    parsed.forms.get(new Intl.PluralRules(language).select(count)) ??
    parsed.forms.get('other') ??
    '';
  const chosen = selectPlurals(form, vars).replace(/#/g, new Intl.NumberFormat(language).format(count));
  return text.slice(0, start.index) + chosen + selectPlurals(text.slice(parsed.end), vars);
}

/** Reads `one {...} other {...}}` from `from`: the forms by selector, and where the argument ends. */
function pluralForms(text: string, from: number): { forms: Map<string, string>; end: number } | undefined {
  const forms = new Map<string, string>();
  let i = from;
  for (;;) {
    while (/\s/.test(text[i] ?? '')) i += 1;
    if (text[i] === '}') return { forms, end: i + 1 };
    const selector = /^(=\d+|\w+)\s*\{/.exec(text.slice(i));
    if (!selector) return undefined;
    i += selector[0].length;
    let depth = 1;
    const bodyStart = i;
    for (; i < text.length && depth > 0; i += 1) depth += text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0;
    if (depth > 0) return undefined;
    forms.set(selector[1]!, text.slice(bodyStart, i - 1));
  }
}
