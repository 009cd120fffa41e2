import { toast } from './components/toasts.js';
import { type NotificationRule, notificationOutcome } from './notification-preferences.js';

/**
 * Tells the user something happened: a toast always, and a browser notification too
 * when the tab is hidden and the user allowed them.
 */
export function notify(title: string, body = '', options: { sound?: boolean } = {}): void {
  toast(body ? `${title}: ${body}` : title);
  if (options.sound) chime();
  if (document.visibilityState === 'hidden' && 'Notification' in window && Notification.permission === 'granted') {
    new Notification(title, { body, icon: '/icon.svg' });
  }
}

/** Asks for permission (from a click: browsers refuse otherwise); resolves whether notifications are allowed. */
export async function allowBrowserNotifications(): Promise<boolean> {
  if (!('Notification' in window)) return false;
  if (Notification.permission === 'granted') return true;
  return (await Notification.requestPermission()) === 'granted';
}

let audio: AudioContext | undefined;

/** A short two-note chime (the device online/offline sound), made with Web Audio: no file to load. */
export function chime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.08, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.3);
    }
  } catch {
    // No audio in this browser: the toast is enough.
  }
}

/** `{name}` placeholders filled from an event payload. */
export function fillTemplate(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** Raises a plugin's notification for an event, as the user chose in Settings → Notifications (`notificationOutcome`). */
export function notifyEvent(rule: NotificationRule, payload: Record<string, unknown>): void {
  const outcome = notificationOutcome(rule, payload);
  if (!outcome) return;
  notify(fillTemplate(rule.title, payload), rule.body ? fillTemplate(rule.body, payload) : '', outcome);
}
