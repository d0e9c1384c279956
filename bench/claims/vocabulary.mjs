// Synthetic, news-like claims for the claims bench: every sentence is assembled from the word
// lists below (written for this bench, not taken from any publication). Deterministic for a seed.

/** mulberry32: a small seeded PRNG, so that two runs seed the same 100k claims. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  return { next, int, pick };
}

export const SPEAKERS = [
  'The finance minister',
  'The opposition leader',
  'A county governor',
  'The health ministry',
  'The central bank governor',
  'The president',
  'A ruling party senator',
  'The education secretary',
  'The city mayor',
  'A government spokesperson',
  'The trade union chief',
  'The energy regulator',
  'The agriculture minister',
  'An opposition MP',
  'The interior minister',
  'The transport secretary',
  'A campaign manager',
  'The water board chair',
  'The labour minister',
  'The treasury',
];

// One topic per sentence: each topic word ends up in roughly 1–2% of the claims, the range a
// desk's full-text search usually hits.
export const TOPICS = [
  'fuel prices',
  'maize flour prices',
  'teacher salaries',
  'hospital waiting times',
  'youth unemployment',
  'electricity tariffs',
  'school enrolment',
  'road construction spending',
  'public debt',
  'pension payments',
  'tax revenue',
  'bread prices',
  'rent in the capital',
  'vaccination coverage',
  'violent crime',
  'piped water connections',
  'internet access',
  'fertiliser subsidies',
  'tea exports',
  'tourist arrivals',
  'police recruitment',
  'maternal deaths',
  'the number of doctors',
  'housing permits',
  'railway ridership',
  'bus fares',
  'inflation',
  'food imports',
  'coffee earnings',
  'loans to small businesses',
  'university fees',
  'clinic funding',
  'refugee arrivals',
  'forest cover',
  'fish catches',
  'mobile money fees',
  'court backlogs',
  'voter registration',
  'the prison population',
  'drought relief',
  'cooking gas prices',
  'sugar imports',
  'malaria cases',
  'textbook deliveries',
  'bursary payments',
];

export const PLACES = [
  'Nairobi',
  'Mombasa',
  'Kisumu',
  'Nakuru',
  'Eldoret',
  'the coastal region',
  'the northern counties',
  'rural districts',
  'the capital',
  'the lake region',
  'the western highlands',
  'border towns',
  'informal settlements',
  'the Rift Valley',
  'Garissa',
  'Machakos',
  'Nyeri',
  'Kakamega',
  'Meru',
  'Kitui',
  'Turkana',
  'Kilifi',
  'Bungoma',
  'Kericho',
];

const RISES = ['rose', 'fell', 'doubled', 'halved', 'climbed', 'dropped', 'declined', 'increased', 'grew', 'shrank'];
const PERIODS = [
  'since 2019',
  'in the last year',
  'over five years',
  'this quarter',
  'since the last election',
  'in two years',
  'since the pandemic',
  'in the past decade',
  'this financial year',
  'since January',
];
const CURRENCIES = ['Ksh', 'USD', 'EUR'];
const UNITS = ['million', 'billion'];
const PROJECTS = [
  'the new expressway',
  'the stadium upgrade',
  'school feeding',
  'the dam project',
  'free maternity care',
  'street lighting',
  'the peacekeeping mission',
  'the affordable housing plan',
  'rural electrification',
  'the standard gauge railway',
  'hospital equipment leases',
  'the digital literacy programme',
];
const GROUPS = [
  'households',
  'young people',
  'farmers',
  'nurses',
  'small traders',
  'pensioners',
  'pupils',
  'women',
  'public servants',
  'motorcycle taxi riders',
  'fishermen',
  'graduates',
];
const CONDITIONS = [
  'live below the poverty line',
  'have no health insurance',
  'lack clean water',
  'cannot read a simple paragraph',
  'are out of work',
  'own a smartphone',
  'pay no income tax',
  'earn less than the minimum wage',
  'have a bank account',
  'walk over an hour to a clinic',
];
const PROMISES = ['build', 'hire', 'repair', 'connect', 'open', 'fund', 'equip', 'upgrade'];
const THINGS = [
  'classrooms',
  'health centres',
  'teachers',
  'boreholes',
  'kilometres of road',
  'markets',
  'police stations',
  'dams',
  'nurses',
  'bridges',
  'homes',
  'factories',
];
const YEARS = ['2026', '2027', '2028', '2030', 'the end of the term', 'next year', 'December'];
const OPINIONS = [
  'the worst in a generation',
  'a historic success',
  'a waste of public money',
  'the fairest in the region',
  'a disaster for farmers',
  'long overdue',
  'the envy of our neighbours',
  'a broken promise',
];
const POLICIES = [
  'the new finance bill',
  'the housing levy',
  'the fuel subsidy',
  'the school calendar reform',
  'the health insurance scheme',
  'the land registry overhaul',
  'the tax amnesty',
  'the import ban',
];

const FIRST = [
  'Amina',
  'Brian',
  'Cynthia',
  'David',
  'Esther',
  'Francis',
  'Grace',
  'Hassan',
  'Irene',
  'James',
  'Joyce',
  'Kevin',
  'Lucy',
  'Moses',
  'Njeri',
  'Otieno',
  'Peter',
  'Rose',
  'Samuel',
  'Tabitha',
  'Umar',
  'Violet',
  'Wanjiru',
  'Yusuf',
  'Zawadi',
  'Daniel',
  'Faith',
  'George',
  'Halima',
  'Isaac',
];
const LAST = [
  'Ochieng',
  'Kamau',
  'Wanjiku',
  'Mutua',
  'Odhiambo',
  'Njoroge',
  'Kiptoo',
  'Chebet',
  'Mwangi',
  'Otieno',
  'Akinyi',
  'Barasa',
  'Koech',
  'Mohamed',
  'Ali',
  'Nyambura',
  'Omondi',
  'Wafula',
  'Kariuki',
  'Rotich',
  'Langat',
  'Maina',
  'Ndungu',
  'Achieng',
  'Musyoka',
  'Abdi',
  'Kimani',
  'Oduor',
  'Simiyu',
  'Jeptoo',
];
const AFFILIATIONS = [
  'Ministry of Finance',
  'Ministry of Health',
  'County Assembly',
  'National Assembly',
  'Senate',
  'Opposition coalition',
  'Ruling party',
  'Teachers union',
  'Central Bank',
  'Chamber of Commerce',
  null,
  null,
  null,
];

export const TAGS = [
  'economy',
  'health',
  'education',
  'budget',
  'energy',
  'agriculture',
  'security',
  'elections',
  'transport',
  'housing',
  'environment',
  'jobs',
  'taxes',
  'debt',
  'water',
  'corruption',
  'prices',
  'infrastructure',
  'devolution',
  'trade',
  'tourism',
  'justice',
  'social-protection',
  'technology',
  'migration',
  'food',
  'climate',
  'youth',
  'gender',
  'land',
];
export const KINDS = ['statement', 'promise', 'opinion'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

function amount(r) {
  return `${r.pick(CURRENCIES)} ${1 + r.int(99)}.${r.int(10)} ${r.pick(UNITS)}`;
}

/** One claim's text for `kind`: a sentence a fact-checking desk might log. */
export function claimText(r, kind) {
  const speaker = r.pick(SPEAKERS);
  const topic = r.pick(TOPICS);
  const place = r.pick(PLACES);
  if (kind === 'promise') {
    return r.int(2) === 0
      ? `${speaker} promised to ${r.pick(PROMISES)} ${10 + r.int(990)} ${r.pick(THINGS)} in ${place} by ${r.pick(YEARS)} to tackle ${topic}`
      : `${speaker} pledged that ${topic} in ${place} will fall by ${2 + r.int(60)} percent by ${r.pick(YEARS)}`;
  }
  if (kind === 'opinion') {
    return `${speaker} said ${r.pick(POLICIES)} is ${r.pick(OPINIONS)} because of ${topic} in ${place}`;
  }
  switch (r.int(4)) {
    case 0:
      return `${speaker} said ${topic} in ${place} ${r.pick(RISES)} by ${2 + r.int(95)} percent ${r.pick(PERIODS)}`;
    case 1:
      return `${speaker} claimed the government spent ${amount(r)} on ${r.pick(PROJECTS)} in ${place}, citing ${topic}`;
    case 2:
      return `${speaker} said ${1 + r.int(9)} in 10 ${r.pick(GROUPS)} in ${place} ${r.pick(CONDITIONS)}, blaming ${topic}`;
    default:
      return `${speaker} stated that ${topic} cost taxpayers ${amount(r)} ${r.pick(PERIODS)} in ${place}`;
  }
}

export function claimantName(r) {
  return `${r.pick(FIRST)} ${r.pick(LAST)}`;
}

export function claimantAffiliation(r) {
  return r.pick(AFFILIATIONS);
}

export function claimTags(r) {
  const n = r.int(4); // 0–3 tags
  const tags = new Set();
  for (let i = 0; i < n; i++) tags.add(r.pick(TAGS));
  return [...tags];
}

/** A POST /v1/claims body, as an API client would send it. */
export function claimBody(r) {
  const kind = r.pick(KINDS);
  return {
    text: claimText(r, kind),
    kind,
    claimant: { name: claimantName(r) },
    tags: claimTags(r),
    priority: r.pick(PRIORITIES),
  };
}
