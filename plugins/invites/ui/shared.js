// What the invites plugin's browser modules share.
const { LitElement, stream } = window.Outpost;

/** An element that loads its figures when shown, and again when a remote-support invitation changes. */
export class SupportNewsElement extends LitElement {
  connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.unsubscribe = stream.subscribe('invites.support.*', () => void this.load());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }
}
