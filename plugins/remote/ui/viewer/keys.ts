// Key combinations the viewer's menu sends: what the technician's own system would keep for itself
// (Ctrl+Alt+Del, Alt+Tab, the Windows key) reaches the device this way. X11 keysyms, DOM key codes.
import { t } from '@outpost/ui-sdk';

export interface Key {
  keysym: number;
  code: string;
}

const key = (keysym: number, code: string): Key => ({ keysym, code });
const ctrl = key(0xffe3, 'ControlLeft');
const alt = key(0xffe9, 'AltLeft');
const shift = key(0xffe1, 'ShiftLeft');
const superKey = key(0xffeb, 'MetaLeft');

export interface Combination {
  id: string;
  label: () => string;
  keys: Key[];
}

export const combinations: Combination[] = [
  { id: 'ctrl-shift-esc', label: () => t('Ctrl+Shift+Esc (task manager)'), keys: [ctrl, shift, key(0xff1b, 'Escape')] },
  { id: 'alt-tab', label: () => t('Alt+Tab'), keys: [alt, key(0xff09, 'Tab')] },
  { id: 'alt-f4', label: () => t('Alt+F4'), keys: [alt, key(0xffc1, 'F4')] },
  { id: 'super', label: () => t('Windows / Super key'), keys: [superKey] },
  { id: 'super-l', label: () => t('Windows+L (lock)'), keys: [superKey, key(0x006c, 'KeyL')] },
  { id: 'ctrl-esc', label: () => t('Ctrl+Esc'), keys: [ctrl, key(0xff1b, 'Escape')] },
  { id: 'print', label: () => t('Print Screen'), keys: [key(0xff61, 'PrintScreen')] },
  { id: 'ctrl-alt-backspace', label: () => t('Ctrl+Alt+Backspace'), keys: [ctrl, alt, key(0xff08, 'Backspace')] },
];

/** Presses the keys in order and lets them go in reverse, as a person would. */
export function press(send: (keysym: number, code: string, down: boolean) => void, keys: Key[]): void {
  for (const k of keys) send(k.keysym, k.code, true);
  for (const k of [...keys].reverse()) send(k.keysym, k.code, false);
}
