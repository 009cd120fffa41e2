import { html } from 'lit';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import {
  type IconNode,
  Bell,
  Building,
  Circle,
  Contact,
  CreditCard,
  KeyRound,
  LayoutDashboard,
  LifeBuoy,
  Menu,
  MessageCircle,
  Monitor,
  Palette,
  Rocket,
  ScrollText,
  Search,
  Settings,
  ShieldCheck,
  StickyNote,
  Ticket,
  UserRound,
  Users,
} from 'lucide';

/**
 * The icons navigation entries may name (`icon` in a plugin's `ui.nav`), drawn from
 * Lucide (ISC licence) and bundled with the shell: no request leaves the instance.
 */
const icons: Record<string, IconNode> = {
  account: UserRound,
  audit: ScrollText,
  bell: Bell,
  billing: CreditCard,
  chat: MessageCircle,
  contacts: Contact,
  dashboard: LayoutDashboard,
  devices: Monitor,
  key: KeyRound,
  menu: Menu,
  note: StickyNote,
  palette: Palette,
  rocket: Rocket,
  roles: ShieldCheck,
  search: Search,
  settings: Settings,
  support: LifeBuoy,
  team: Users,
  tenants: Building,
  tickets: Ticket,
};

/** The names `icon()` knows; any other name gets a neutral circle. */
export const iconNames = Object.keys(icons);

const markup = new Map<string, string>();

function toMarkup(node: IconNode): string {
  return node
    .map(
      ([tag, attributes]) =>
        `<${tag} ${Object.entries(attributes)
          .map(([k, v]) => `${k}="${v ?? ''}"`)
          .join(' ')}/>`,
    )
    .join('');
}

/** A 1.25 rem line icon in the current text colour, hidden from screen readers (the label next to it says it). */
export function icon(name: string) {
  const key = icons[name] ? name : 'circle';
  if (!markup.has(key)) markup.set(key, toMarkup(icons[key] ?? Circle));
  return html`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${unsafeSVG(markup.get(key))}</svg>`;
}
