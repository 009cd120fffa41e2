/**
 * Which notifications the user wants: the plugins' notification rules (from the UI
 * manifest) and the user's choice per topic, kept on the server as the user's preference
 * `notifications` in the current tenant (`/account/preferences/notifications`, a list of
 * `{ topic, enabled, sound }`), so it follows them to every browser. A topic the user
 * never changed is shown, with its chime when its rule has one (`soundField`).
 */
import { preferences } from './preferences.js';

/** The user's preference (`/account/preferences/<key>`, per user and tenant) that holds the choices. */
const preferenceKey = 'notifications';

/** A plugin's rule (`ui.notifications`): which event becomes which notification. */
export interface NotificationRule {
  topic: string;
  /** How the Notifications settings name it; the title (placeholders dropped) when not given. */
  label?: string;
  title: string;
  body?: string;
  soundField?: string;
  when?: { field: string; equals: unknown };
}

export interface NotificationChoice {
  topic: string;
  enabled: boolean;
  sound: boolean;
}

let rules: NotificationRule[] = [];
let choices = new Map<string, NotificationChoice>();

/** From the UI manifest: every plugin's rules. */
export function setNotificationRules(plugins: Array<{ notifications: NotificationRule[] }>): void {
  rules = plugins.flatMap((plugin) => plugin.notifications);
}

export function notificationRules(): NotificationRule[] {
  return rules;
}

/** The user's choice for a topic, or the default: shown, with sound when its rule has a chime. */
export function notificationChoice(topic: string): NotificationChoice {
  return choices.get(topic) ?? { topic, enabled: true, sound: rules.some((r) => r.topic === topic && r.soundField) };
}

/** What the server keeps under the preference key `notifications`; anything else there is ignored. */
export function readChoices(value: unknown): NotificationChoice[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is NotificationChoice =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as NotificationChoice).topic === 'string' &&
      typeof (item as NotificationChoice).enabled === 'boolean' &&
      typeof (item as NotificationChoice).sound === 'boolean',
  );
}

/**
 * Reads the user's choices in the current tenant from the server (after sign-in or a tenant switch); none without a
 * tenant. `asked`: the preference's value, already asked for with the app's other start-up requests.
 */
export async function loadNotificationChoices(inTenant: boolean, asked?: Promise<unknown>): Promise<void> {
  const topics = inTenant ? readChoices(await (asked ?? preferences.get(preferenceKey))) : [];
  choices = new Map(topics.map((choice) => [choice.topic, choice]));
}

/** Saves the user's choices for the current tenant; they apply at once. */
export async function saveNotificationChoices(topics: NotificationChoice[]): Promise<void> {
  const value = topics.map(({ topic, enabled, sound }) => ({ topic, enabled, sound }));
  await preferences.set(preferenceKey, value);
  choices = new Map(value.map((choice) => [choice.topic, choice]));
}

/**
 * What an event becomes, as the user chose: nothing (`undefined`) when its rule's `when` does not match or they
 * turned its topic off; otherwise a notification, with the chime when they kept its sound on and, for a rule with a
 * `soundField`, the event asks for it (a device's own sound setting).
 */
export function notificationOutcome(
  rule: NotificationRule,
  payload: Record<string, unknown>,
  choice: NotificationChoice = notificationChoice(rule.topic),
): { sound: boolean } | undefined {
  if (rule.when && payload[rule.when.field] !== rule.when.equals) return undefined;
  if (!choice.enabled) return undefined;
  return { sound: choice.sound && (!rule.soundField || payload[rule.soundField] === true) };
}
