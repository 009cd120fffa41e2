/**
 * Web Awesome in the shell: the components every page may use are registered when the
 * shell starts; heavier ones load on demand with `loadComponents(...)` (each its own
 * chunk). Plugins never import the library: they write `<wa-button>`, `<wa-input>`, ...
 * and call `Outpost.loadComponents('qr-code')` for the others. See docs/ui-kit.md.
 */
import '@awesome.me/webawesome/dist/components/badge/badge.js';
import '@awesome.me/webawesome/dist/components/button/button.js';
import '@awesome.me/webawesome/dist/components/callout/callout.js';
import '@awesome.me/webawesome/dist/components/checkbox/checkbox.js';
import '@awesome.me/webawesome/dist/components/copy-button/copy-button.js';
import '@awesome.me/webawesome/dist/components/dialog/dialog.js';
import '@awesome.me/webawesome/dist/components/divider/divider.js';
import '@awesome.me/webawesome/dist/components/drawer/drawer.js';
import '@awesome.me/webawesome/dist/components/dropdown/dropdown.js';
import '@awesome.me/webawesome/dist/components/dropdown-item/dropdown-item.js';
import '@awesome.me/webawesome/dist/components/icon/icon.js';
import '@awesome.me/webawesome/dist/components/input/input.js';
import '@awesome.me/webawesome/dist/components/option/option.js';
import '@awesome.me/webawesome/dist/components/progress-bar/progress-bar.js';
import '@awesome.me/webawesome/dist/components/select/select.js';
import '@awesome.me/webawesome/dist/components/skeleton/skeleton.js';
import '@awesome.me/webawesome/dist/components/spinner/spinner.js';
import '@awesome.me/webawesome/dist/components/switch/switch.js';
import '@awesome.me/webawesome/dist/components/tab/tab.js';
import '@awesome.me/webawesome/dist/components/tab-group/tab-group.js';
import '@awesome.me/webawesome/dist/components/tab-panel/tab-panel.js';
import '@awesome.me/webawesome/dist/components/tag/tag.js';
import '@awesome.me/webawesome/dist/components/textarea/textarea.js';
import '@awesome.me/webawesome/dist/components/tooltip/tooltip.js';
import { registerIcons } from './wa-icons.js';

registerIcons();

/** The components registered at start, by name without the `wa-` prefix. */
export const coreComponents = [
  'badge',
  'button',
  'callout',
  'checkbox',
  'copy-button',
  'dialog',
  'divider',
  'drawer',
  'dropdown',
  'dropdown-item',
  'icon',
  'input',
  'option',
  'progress-bar',
  'select',
  'skeleton',
  'spinner',
  'switch',
  'tab',
  'tab-group',
  'tab-panel',
  'tag',
  'textarea',
  'tooltip',
] as const;

/** The components a page loads when it needs them (`loadComponents('qr-code')`), each a chunk of its own. */
const onDemand = {
  avatar: () => import('@awesome.me/webawesome/dist/components/avatar/avatar.js'),
  breadcrumb: () => import('@awesome.me/webawesome/dist/components/breadcrumb/breadcrumb.js'),
  'breadcrumb-item': () => import('@awesome.me/webawesome/dist/components/breadcrumb-item/breadcrumb-item.js'),
  card: () => import('@awesome.me/webawesome/dist/components/card/card.js'),
  'color-picker': () => import('@awesome.me/webawesome/dist/components/color-picker/color-picker.js'),
  details: () => import('@awesome.me/webawesome/dist/components/details/details.js'),
  'format-bytes': () => import('@awesome.me/webawesome/dist/components/format-bytes/format-bytes.js'),
  'format-date': () => import('@awesome.me/webawesome/dist/components/format-date/format-date.js'),
  'format-number': () => import('@awesome.me/webawesome/dist/components/format-number/format-number.js'),
  'number-input': () => import('@awesome.me/webawesome/dist/components/number-input/number-input.js'),
  popover: () => import('@awesome.me/webawesome/dist/components/popover/popover.js'),
  'progress-ring': () => import('@awesome.me/webawesome/dist/components/progress-ring/progress-ring.js'),
  'qr-code': () => import('@awesome.me/webawesome/dist/components/qr-code/qr-code.js'),
  radio: () => import('@awesome.me/webawesome/dist/components/radio/radio.js'),
  'radio-group': () => import('@awesome.me/webawesome/dist/components/radio-group/radio-group.js'),
  'relative-time': () => import('@awesome.me/webawesome/dist/components/relative-time/relative-time.js'),
  slider: () => import('@awesome.me/webawesome/dist/components/slider/slider.js'),
  'split-panel': () => import('@awesome.me/webawesome/dist/components/split-panel/split-panel.js'),
  tree: () => import('@awesome.me/webawesome/dist/components/tree/tree.js'),
  'tree-item': () => import('@awesome.me/webawesome/dist/components/tree-item/tree-item.js'),
} satisfies Record<string, () => Promise<unknown>>;

/** A component `loadComponents` knows. */
export type OnDemandComponent = keyof typeof onDemand;

/** The names `loadComponents` accepts (those registered at start are accepted too and load nothing). */
export const onDemandComponents = Object.keys(onDemand) as OnDemandComponent[];

/**
 * Registers Web Awesome components a page needs beyond the core set: `await
 * loadComponents('qr-code', 'color-picker')`, by name without the `wa-` prefix. A name the
 * shell does not know is refused (a typo should fail where it is written, not render nothing).
 */
export async function loadComponents(...names: string[]): Promise<void> {
  const unknown = names.filter((name) => !(name in onDemand) && !(coreComponents as readonly string[]).includes(name));
  if (unknown.length)
    throw new Error(
      `loadComponents: no Web Awesome component ${unknown.map((n) => `"${n}"`).join(', ')}; known: ${[...coreComponents, ...onDemandComponents].sort().join(', ')}`,
    );
  await Promise.all(
    names.filter((name): name is OnDemandComponent => name in onDemand).map((name) => onDemand[name]()),
  );
}
