import { toast } from './components/toasts.js';
import { t } from './i18n.js';

/** Copies text for the user and says so; a browser that refuses the clipboard gets a message instead. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast(t('Copied.'));
  } catch {
    toast(t('The browser did not allow copying; select the text and copy it.'), 'error');
  }
}
