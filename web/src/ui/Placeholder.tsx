/** A screen that is not built yet says so, and where to work meanwhile. */
export function Placeholder({ title }: { title: string }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <p className="empty-state">This screen is not built yet. Work from the board meanwhile (the first link of the navigation).</p>
    </section>
  );
}
