export function NotFoundScreen() {
  return (
    <section className="page">
      <h1>Nothing here</h1>
      <p>This address is not part of the desk. Use the navigation above to go on.</p>
    </section>
  );
}
