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

// A desk's claims cluster by story: a few stories (an election, a budget, the Haiti mission)
// take most of them, and every claim of a story uses two of its eight phrases, so thousands of
// claims share the story's words. Weights are percentages of the claims; the biggest story holds
// 22% (22,000 of 100,000), the smallest 2%.
export const STORIES = [
  {
    name: 'haiti',
    weight: 22,
    phrases: [
      'the Haiti mission',
      'Kenyan police officers in Haiti',
      'the UN trust fund for Haiti',
      'the security deployment to Port-au-Prince',
      'gang violence in Haiti',
      'the Security Council resolution on Haiti',
      'allowances for the Haiti contingent',
      'the multinational force in Haiti',
    ],
  },
  {
    name: 'election',
    weight: 16,
    phrases: [
      'voter registration',
      'the electoral commission',
      'polling stations',
      'the presidential election',
      'ballot paper printing',
      'tallying centres',
      'election observers',
      'campaign financing',
    ],
  },
  {
    name: 'budget',
    weight: 13,
    phrases: [
      'the finance bill',
      'the national budget',
      'public debt',
      'tax revenue',
      'the housing levy',
      'county allocations',
      'pending bills',
      'development spending',
    ],
  },
  {
    name: 'health',
    weight: 11,
    phrases: [
      'malaria cases',
      'health centres',
      'the health insurance scheme',
      'maternal deaths',
      'vaccination coverage',
      'nurses pay',
      'clinic funding',
      'hospital waiting times',
    ],
  },
  {
    name: 'education',
    weight: 9,
    phrases: [
      'bursary payments',
      'teacher salaries',
      'school enrolment',
      'university fees',
      'textbook deliveries',
      'school feeding',
      'the school calendar reform',
      'classroom construction',
    ],
  },
  {
    name: 'pensions',
    weight: 7,
    phrases: [
      'pension payments',
      'the pension fund',
      'retirement benefits',
      'civil service pensions',
      'pension arrears',
      'the pension reform bill',
      'retired teachers',
      'pension contributions',
    ],
  },
  {
    name: 'energy',
    weight: 6,
    phrases: [
      'fuel prices',
      'electricity tariffs',
      'the fuel subsidy',
      'cooking gas prices',
      'power outages',
      'rural electrification',
      'the pipeline tender',
      'solar connections',
    ],
  },
  {
    name: 'food',
    weight: 5,
    phrases: [
      'maize flour prices',
      'fertiliser subsidies',
      'drought relief',
      'tea exports',
      'coffee earnings',
      'sugar imports',
      'the strategic food reserve',
      'milk prices',
    ],
  },
  {
    name: 'transport',
    weight: 4,
    phrases: [
      'the new expressway',
      'the standard gauge railway',
      'bus fares',
      'road construction spending',
      'the airport expansion',
      'toll charges',
      'matatu licences',
      'the bypass project',
    ],
  },
  {
    name: 'housing',
    weight: 3,
    phrases: [
      'the affordable housing plan',
      'piped water connections',
      'rent in the capital',
      'informal settlements',
      'housing permits',
      'slum upgrading',
      'mortgage rates',
      'the land registry',
    ],
  },
  {
    name: 'jobs',
    weight: 2,
    phrases: [
      'youth unemployment',
      'the jobs programme',
      'loans to small businesses',
      'the minimum wage',
      'graduate internships',
      'casual workers',
      'the hustler fund',
      'labour exports',
    ],
  },
  {
    name: 'security',
    weight: 2,
    phrases: [
      'violent crime',
      'police recruitment',
      'the prison population',
      'court backlogs',
      'cattle rustling',
      'border security',
      'police killings',
      'the reservist programme',
    ],
  },
];

/** Every phrase of every story (the list bench searches some of their words). */
export const TOPICS = STORIES.flatMap((s) => s.phrases);

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
const RISE_SYNONYMS = ['went up', 'went down', 'doubled', 'was cut in half', 'went up', 'went down', 'went down', 'went up', 'went up', 'went down'];
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
const PROMISED = {
  build: 'built',
  hire: 'hired',
  repair: 'repaired',
  connect: 'connected',
  open: 'opened',
  fund: 'funded',
  equip: 'equipped',
  upgrade: 'upgraded',
};
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

function story(r) {
  let x = r.int(100);
  for (const s of STORIES) {
    x -= s.weight;
    if (x < 0) return s;
  }
  return STORIES[0];
}

/**
 * What one claim says, before it is put into words: its speaker, story, one or two of the story's
 * phrases, figures, place and time, and the words that frame it (attribution, connectives), drawn
 * from small lists as a desk's sources vary them. `claimText` words it; `rewordedText` says the
 * same with another sentence structure and a synonym or two, as a second outlet would.
 */
export function claimParts(r, kind) {
  const s = story(r);
  const a = r.int(s.phrases.length);
  const b = (a + 1 + r.int(s.phrases.length - 1)) % s.phrases.length;
  return {
    kind,
    form: kind === 'statement' ? r.int(4) : kind === 'promise' ? r.int(2) : 0,
    story: s.name,
    speaker: r.pick(SPEAKERS),
    attribution: r.int(ATTRIBUTIONS.length),
    context: r.int(3) === 0 ? null : r.int(CONTEXTS.length),
    a: s.phrases[a],
    b: s.phrases[b],
    place: r.pick(PLACES),
    period: r.pick(PERIODS),
    rise: r.int(RISES.length),
    pct: 2 + r.int(95),
    money: amount(r),
    tenths: 1 + r.int(9),
    group: r.pick(GROUPS),
    condition: r.pick(CONDITIONS),
    verb: r.pick(PROMISES),
    count: 10 + r.int(990),
    things: r.pick(THINGS),
    year: r.pick(YEARS),
    opinion: r.pick(OPINIONS),
  };
}

/** The words of a claim (about 150 characters). */
export function claimText(r, kind) {
  return sentence(claimParts(r, kind));
}

const ATTRIBUTIONS = ['said', 'claimed', 'told reporters', 'told parliament', 'stated', 'wrote on social media', 'argued', 'insisted'];
// Optional closing clauses that bring in the story's second phrase.
const CONTEXTS = ['despite', 'blaming', 'citing', 'pointing to', 'after a row over', 'ahead of a vote on', 'in a speech on', 'while defending'];

export function sentence(p) {
  const rise = RISES[p.rise];
  const context = p.context === null ? '' : `, ${CONTEXTS[p.context]} ${p.b}`;
  const who = `${p.speaker} ${ATTRIBUTIONS[p.attribution]}`;
  if (p.kind === 'promise') {
    return p.form === 0
      ? `${p.speaker} promised to ${p.verb} ${p.count} ${p.things} in ${p.place} by ${p.year} because of ${p.a}${context}`
      : `${p.speaker} pledged that ${p.a} in ${p.place} will fall by ${p.pct} percent by ${p.year}${context}`;
  }
  if (p.kind === 'opinion') return `${who} that ${p.a} in ${p.place} is ${p.opinion}${context}`;
  switch (p.form) {
    case 0:
      return `${who} that ${p.a} in ${p.place} ${rise} by ${p.pct} percent ${p.period}${context}`;
    case 1:
      return `${who} that ${p.money} went to ${p.a} in ${p.place} ${p.period}${context}`;
    case 2:
      return `${who} that ${p.tenths} in 10 ${p.group} in ${p.place} ${p.condition} because of ${p.a}${context}`;
    default:
      return `${who} that ${p.a} cost ${p.money} in ${p.place} ${p.period}${context}`;
  }
}

/** The same claim as another outlet would report it: other structure, a synonym or two. */
export function rewordedText(p) {
  const text = reworded(p);
  return text[0].toUpperCase() + text.slice(1);
}

function reworded(p) {
  const rise = RISE_SYNONYMS[p.rise];
  const speaker = p.speaker.replace(/^(The|A|An) /, '');
  const context = p.context === null ? '' : ` (${CONTEXTS[p.context]} ${p.b})`;
  if (p.kind === 'promise') {
    return p.form === 0
      ? `By ${p.year}, ${p.count} ${p.things} will be ${PROMISED[p.verb]} in ${p.place} because of ${p.a}, ${speaker} has promised${context}`
      : `${p.a} in ${p.place} will drop ${p.pct} percent by ${p.year}, ${speaker} pledged${context}`;
  }
  if (p.kind === 'opinion') return `According to ${speaker}, ${p.a} in ${p.place} is ${p.opinion}${context}`;
  switch (p.form) {
    case 0:
      return `In ${p.place}, ${p.a} ${rise} ${p.pct} percent ${p.period}, according to ${speaker}${context}`;
    case 1:
      return `${p.period}, ${p.a} in ${p.place} received ${p.money}, according to ${speaker}${context}`;
    case 2:
      return `Because of ${p.a}, ${p.tenths} out of 10 ${p.group} in ${p.place} ${p.condition}, according to ${speaker}${context}`;
    default:
      return `In ${p.place}, ${p.a} has cost ${p.money} ${p.period}, ${speaker} says${context}`;
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
