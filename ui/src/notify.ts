import { toast } from './components/toasts.js';

/**
 * Tells the user something happened: a toast always, and a browser notification too
 * when the tab is hidden and the user allowed them.
 */
export function notify(title: string, body = ''): void {
  toast(body ? `${title}: ${body}` : title);
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
