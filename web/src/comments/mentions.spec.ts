import { insertMention, matchPeople, mentionQueryAt, mentionToken, type Person } from './mentions';

const grace: Person = { id: 'u1', name: 'Grace Wanjiru', email: 'grace@desk.example' };
const peter: Person = { id: 'u2', name: 'Peter Otieno', email: 'p.otieno@desk.example' };
const amina: Person = { id: 'u3', name: 'Amina Said', email: 'amina@desk.example' };
const people = [grace, peter, amina];

/** The text with `|` marking the caret, as (text, caret). */
function at(marked: string): [string, number] {
  return [marked.replace('|', ''), marked.indexOf('|')];
}

describe('the mention at the caret', () => {
  it('starts at an @ that begins the text or follows a space or punctuation', () => {
    expect(mentionQueryAt(...at('@|'))).toEqual({ start: 0, end: 1, query: '' });
    expect(mentionQueryAt(...at('Ask @gra|'))).toEqual({ start: 4, end: 8, query: 'gra' });
    expect(mentionQueryAt(...at('(@gra|)'))).toEqual({ start: 1, end: 5, query: 'gra' });
    expect(mentionQueryAt(...at('line one\n@pe|'))).toEqual({ start: 9, end: 12, query: 'pe' });
  });

  it('is not an address written in the text, nor an @ the caret has not passed', () => {
    expect(mentionQueryAt(...at('mail grace@des|'))).toBeNull();
    expect(mentionQueryAt(...at('x@|'))).toBeNull();
    expect(mentionQueryAt(...at('Ask |@grace'))).toBeNull();
    expect(mentionQueryAt(...at('Ask @grace and |'))).toBeNull();
    expect(mentionQueryAt(...at('no at sign|'))).toBeNull();
  });

  it('takes an address typed after the @, its own @ included', () => {
    expect(mentionQueryAt(...at('cc @grace@desk.ex|'))).toEqual({ start: 3, end: 17, query: 'grace@desk.ex' });
  });

  it('covers the rest of a word after the caret, so choosing replaces all of it', () => {
    expect(mentionQueryAt(...at('Ask @gr|ace today'))).toEqual({ start: 4, end: 10, query: 'gr' });
  });

  it('reads a bracketed name with spaces until its closing bracket', () => {
    expect(mentionQueryAt(...at('Ask @[Grace Wa|'))).toEqual({ start: 4, end: 14, query: 'Grace Wa' });
    expect(mentionQueryAt(...at('Ask @[Grace Wa|njiru] now'))).toEqual({ start: 4, end: 20, query: 'Grace Wa' });
    // A closed bracket ends the mention: the caret after it is in plain text again.
    expect(mentionQueryAt(...at('Ask @[Grace Wanjiru] |'))).toBeNull();
    expect(mentionQueryAt(...at('Ask @[Grace Wanjiru]|'))).toBeNull();
  });

  it('never reaches across a line break', () => {
    expect(mentionQueryAt(...at('@[Grace\nWa|'))).toBeNull();
  });
});

describe('whom a query may mean', () => {
  it('offers everyone, alphabetically, for a bare @', () => {
    expect(matchPeople(people, '').map((p) => p.name)).toEqual(['Amina Said', 'Grace Wanjiru', 'Peter Otieno']);
  });

  it('puts names that begin with the query first, then a later word, then addresses, then the rest', () => {
    const otis: Person = { id: 'u4', name: 'Otis Mwangi', email: 'om@desk.example' };
    const botieno: Person = { id: 'u5', name: 'Zed Kamau', email: 'otieno.k@desk.example' };
    const scotia: Person = { id: 'u6', name: 'Scotia Ng', email: 'sn@desk.example' };
    expect(matchPeople([scotia, botieno, peter, otis], 'ot').map((p) => p.name)).toEqual(['Otis Mwangi', 'Peter Otieno', 'Zed Kamau', 'Scotia Ng']);
  });

  it('ignores case and runs of spaces, and finds nobody for a stranger', () => {
    expect(matchPeople(people, 'GRACE   wan')).toEqual([grace]);
    expect(matchPeople(people, 'p.otieno@')).toEqual([peter]);
    expect(matchPeople(people, 'nobody')).toEqual([]);
  });

  it('offers at most the limit', () => {
    expect(matchPeople(people, '', 2)).toHaveLength(2);
  });
});

describe('what choosing a person writes', () => {
  it('writes a unique name in brackets, as the API reads it', () => {
    expect(mentionToken(grace, people)).toBe('@[Grace Wanjiru]');
  });

  it('writes the address when another person has the same name (a bracketed name would mention both)', () => {
    const otherGrace: Person = { id: 'u9', name: 'grace  wanjiru', email: 'gw2@desk.example' };
    expect(mentionToken(grace, [...people, otherGrace])).toBe('@grace@desk.example');
  });

  it('writes the address when the name cannot be bracketed', () => {
    expect(mentionToken({ id: 'u7', name: 'Ann [desk]', email: 'ann@desk.example' }, people)).toBe('@ann@desk.example');
  });

  it('replaces what was typed, adds a space and puts the caret after it', () => {
    const [text, caret] = at('Ask @gra| about table 4');
    const query = mentionQueryAt(text, caret)!;
    expect(insertMention(text, query, grace, people)).toEqual({ text: 'Ask @[Grace Wanjiru] about table 4', caret: 21 });
  });

  it('adds a space at the end of the text', () => {
    const [text, caret] = at('cc @pe|');
    expect(insertMention(text, mentionQueryAt(text, caret)!, peter, people)).toEqual({ text: 'cc @[Peter Otieno] ', caret: 19 });
  });

  it('replaces a half-typed bracketed name and its closing bracket', () => {
    const [text, caret] = at('@[Gr|ace W] please');
    const result = insertMention(text, mentionQueryAt(text, caret)!, grace, people);
    expect(result.text).toBe('@[Grace Wanjiru] please');
    expect(result.text.slice(0, result.caret)).toBe('@[Grace Wanjiru] ');
  });

  it('writes what a following mention query no longer sees as open', () => {
    const { text, caret } = insertMention('@gr', { start: 0, end: 3, query: 'gr' }, grace, people);
    expect(mentionQueryAt(text, caret)).toBeNull();
  });
});
