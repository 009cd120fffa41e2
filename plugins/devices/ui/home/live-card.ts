import { LitElement, css, stream } from '@outpost/ui-sdk';

/** The look of the devices plugin's cards on the home page. */
export const cardStyles = css`
  .panel { margin: 0; height: 100%; box-sizing: border-box; }
  h2 { display: flex; justify-content: space-between; align-items: baseline; gap: var(--wa-space-xs); flex-wrap: wrap; }
  h2 a { font-size: var(--wa-font-size-s); font-weight: var(--wa-font-weight-normal); }
`;

/** A home card that loads its figures, and loads them again (at most every 300 ms) when a device comes, goes, enrolls or changes. */
export abstract class LiveDevicesCard extends LitElement {
  private unsubscribe?: () => void;
  private timer?: ReturnType<typeof setTimeout>;

  abstract load(): Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = stream.subscribe('devices.device.*', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.load(), 300);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.unsubscribe?.();
  }
}
