import { claimantSlug } from './claimant-slug';

describe('claimantSlug', () => {
  it.each([
    ["Korir Sing'Oei", 'korir-singoei'],
    ['Korir Sing’Oei', 'korir-singoei'],
    ['  William  Ruto ', 'william-ruto'],
    ['Dr. Mary—Jane O’Neil, MP', 'dr-mary-jane-oneil-mp'],
    ['Ministry of Finance (Kenya)', 'ministry-of-finance-kenya'],
    ['Zoë Müller', 'zoë-müller'],
    ['Zoe\u0308 Mu\u0308ller', 'zoë-müller'],
    ['Αλέξης Τσίπρας', 'αλέξης-τσίπρας'],
    ['President 2024', 'president-2024'],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
    ['???', '-'],
  ])('%s → %s', (name, slug) => {
    expect(claimantSlug(name)).toBe(slug);
  });
});
