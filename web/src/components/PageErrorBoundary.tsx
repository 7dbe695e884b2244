import { Component, type ReactNode } from 'react';

type State = { error: Error | null };

/**
 * Catches what a page throws while rendering or loading its code (e.g. a chunk
 * that cannot be fetched after a new release), so the layout stays usable.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="state state-error" role="alert">
        <h1>Die Seite konnte nicht angezeigt werden</h1>
        <p>
          Vermutlich wurde die Anwendung inzwischen aktualisiert oder die Verbindung ist unterbrochen. Bitte
          die Seite neu laden.
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          Seite neu laden
        </button>
      </div>
    );
  }
}
