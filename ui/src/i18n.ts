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
  'account.name': 'Name',
  'account.surname': 'Surname',
  'session.current': 'this browser',
  'session.lastSeen': 'last seen {time}',
  'shell.menu': 'Menu',
  'shell.dashboard': 'Dashboard',
  'shell.setup': 'Set-up',
  'shell.admin': 'Administration',
  'shell.settings': 'Settings',
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
    'The menu on the left lists your daily work: devices, tickets and the other features your administrator enabled. Settings, at its end, holds your account, the team, roles, API keys, the audit log and each feature’s settings.',
  'tour.tenantTitle': 'One console, many customers',
  'tour.tenantText':
    'If you work for several customers, pick the tenant at the top of the menu. Everything you see and do then belongs to that tenant.',
  'tour.liveTitle': 'Live, without reloading',
  'tour.liveText':
    'The dot at the bottom of the menu shows the live connection. Devices coming online, new tickets and replies appear as they happen.',
  'tour.accountTitle': 'Your account',
  'tour.accountText':
    'Open Settings from the menu at the lower left: your name, time zone and date format, your password, two-factor authentication, your sessions and which notifications you get.',
};

export type MessageKey = keyof typeof en;
/** The shell's keyed messages in English (test/i18n compares each language's entries with these). */
export const englishMessages: Readonly<Record<MessageKey, string>> = en;
export type Dictionary = Partial<Record<MessageKey, string>> & Record<string, string | undefined>;

/**
 * The languages the web app ships, by their own names (the account page offers these). A
 * language's shell dictionary is a chunk of its own (`locales/<tag>.ts`), loaded only by
 * those who use it; the plugins' dictionaries come from the UI manifest (`locales`).
 */
export const languages: Record<string, string> = { en: 'English', de: 'Deutsch' };
const shellDictionaries: Record<string, () => Promise<{ default: Dictionary }>> = {
  de: () => import('./locales/de.js'),
};
/**
 * Web Awesome's own texts (a dialog's close button, the color picker's eyedropper), which its
 * components take from `<html lang>`: the library's translation registers itself when loaded.
 */
const componentTranslations: Record<string, () => Promise<unknown>> = {
  de: () => import('@awesome.me/webawesome/dist/translations/de.js'),
};

let current: Dictionary = en;
/** Each plugin's dictionary by plugin id: the same English can mean another thing in another plugin ("Link"). */
let pluginDictionaries = new Map<string, Dictionary>();
let language = 'en';
/** Where the language is remembered for the pages before sign-in (sign-in, password reset). */
const remembered = 'outpost.language';

/** The shipped language for a BCP 47 tag (`de-AT` uses `de`), or English. */
export function shippedLanguage(tag: string): string {
  const base = tag.split('-')[0] ?? '';
  return tag in languages ? tag : base in languages ? base : 'en';
}

/**
 * Uses a language: loads the shell's dictionary for it and then those of the plugins
 * (`pluginDictionaries`: URLs from the UI manifest, fetched from Outpost itself). A
 * dictionary that fails to load leaves its strings in English rather than stopping the app.
 */
export async function setLanguage(
  tag: string,
  plugins: Array<{ id: string; dictionary?: string | undefined }> = [],
): Promise<void> {
  const shipped = shippedLanguage(tag);
  const next: Dictionary = { ...en };
  try {
    const [dictionary] = await Promise.all([shellDictionaries[shipped]?.(), componentTranslations[shipped]?.()]);
    if (dictionary) Object.assign(next, dictionary.default);
  } catch {
    // The shell's own chunk is missing (an update replaced the build): English until the next reload.
  }
  const loaded = await Promise.all(
    plugins.map(async ({ id, dictionary }): Promise<[string, Dictionary]> => {
      if (!dictionary) return [id, {}];
      try {
        const response = await fetch(dictionary, { credentials: 'same-origin' });
        return [id, response.ok ? ((await response.json()) as Dictionary) : {}];
      } catch {
        return [id, {}];
      }
    }),
  );
  current = next;
  pluginDictionaries = new Map(loaded);
  language = tag.split('-')[0] === shipped ? tag : shipped;
  document.documentElement.lang = language;
  try {
    localStorage.setItem(remembered, tag);
  } catch {
    // Storage refused (private mode): the pages before sign-in stay in the browser's language.
  }
}

/** A plugin's dictionary for a language, from its manifest's `locales`: the tag's own (`de-AT`), else its base's (`de`). */
export function pluginDictionary(locales: Record<string, string> | undefined, tag: string): string | undefined {
  return locales?.[tag] ?? locales?.[tag.split('-')[0] ?? ''];
}

/** The language for the pages before sign-in: the last one used in this browser, else the browser's own. */
export function rememberedLanguage(): string {
  try {
    return localStorage.getItem(remembered) ?? navigator.language;
  } catch {
    return navigator.language;
  }
}

/** The current language tag, for `Intl` formats (`Intl.NumberFormat(currentLanguage())`). */
export function currentLanguage(): string {
  return language;
}

/**
 * A plugin's UI manifest entry with its declared texts in the current language: the
 * `label`, `title` and `body` of every item it lists (navigation entries, home actions,
 * notifications, settings tabs, ...). A notification's `{name}` placeholders survive for the event's values.
 */
export function translateDeclared<T extends { id: string }>(plugin: T): T {
  const texts = new Set(['label', 'title', 'body']);
  return Object.fromEntries(
    Object.entries(plugin).map(([field, value]) => [
      field,
      Array.isArray(value)
        ? value.map((item: unknown) =>
            item && typeof item === 'object'
              ? Object.fromEntries(
                  Object.entries(item).map(([k, v]) => [
                    k,
                    texts.has(k) && typeof v === 'string' ? t(v, {}, plugin.id) : v,
                  ]),
                )
              : item,
          )
        : value,
    ]),
  ) as T;
}

/**
 * The text in the current language. `plugin` (the SDK passes the calling plugin's id) looks in
 * that plugin's dictionary first; then the shell's; then any plugin's (the roles page shows
 * the plugins' permission descriptions); else the English itself.
 */
export function t(
  key: MessageKey | (string & {}),
  vars: Record<string, string | number> = {},
  plugin?: string,
): string {
  const text =
    (plugin === undefined ? undefined : pluginDictionaries.get(plugin)?.[key]) ?? current[key] ?? anyPlugin(key) ?? key;
  return selectPlurals(text, vars).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

function anyPlugin(key: string): string | undefined {
  for (const dictionary of pluginDictionaries.values()) if (dictionary[key] !== undefined) return dictionary[key];
  return undefined;
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
