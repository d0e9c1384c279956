import { findMentions, orderMentioned } from './mentions';

describe('findMentions', () => {
  it('finds @email and @[Name] in the order written, each once, without case', () => {
    const found = findMentions('@[Grace Wanjiru] please check, and @Otieno@Desk.Example too. Thanks @[grace  wanjiru]!');
    expect(found).toEqual({ emails: ['otieno@desk.example'], names: ['grace wanjiru'], order: ['name:grace wanjiru', 'email:otieno@desk.example'] });
  });

  it('an address alone, or an @ inside a word, is no mention', () => {
    expect(findMentions('Write to otieno@desk.example or foo@otieno@desk.example').order).toEqual([]);
    expect(findMentions('me@[Grace]').order).toEqual([]);
  });

  it('ends the address before sentence punctuation and refuses partial domains', () => {
    expect(findMentions('Ask @otieno@desk.example.').emails).toEqual(['otieno@desk.example']);
    expect(findMentions('(@otieno@desk.example), @a@b, @x@y.z').emails).toEqual(['otieno@desk.example']);
  });

  it('mentions in code spans and fenced code are not mentions', () => {
    const body = 'Use `@[Grace Wanjiru]` to mention.\n\n```js\n@otieno@desk.example\n```\n\n~~~~\n@[Otieno]\n~~~\n~~~~\nBut @[Baraka] yes.';
    expect(findMentions(body).order).toEqual(['name:baraka']);
  });

  it('refuses names with brackets or line breaks, and empty ones', () => {
    expect(findMentions('@[] @[  ] @[Grace\nWanjiru] @[a[b]').order).toEqual([]);
  });

  it('a hostile body is plain text: markup in brackets is only a name nobody has', () => {
    expect(findMentions('@[<img src=x onerror=alert(1)>] @<script>@desk.example').order).toEqual(['name:<img src=x onerror=alert(1)>']);
  });

  it('code spans pair runs of the same length; an unpaired run is text', () => {
    expect(findMentions('`` @[A] ` `` @[B] ``` @[C]').order).toEqual(['name:b', 'name:c']);
    expect(findMentions('` @[A] ``').order).toEqual(['name:a']);
    expect(findMentions('`'.repeat(10_000)).order).toEqual([]);
  });
});

describe('orderMentioned', () => {
  const grace = { id: 'b', email: 'grace@desk.example', name: 'Grace Wanjiru' };
  const otieno = { id: 'a', email: 'otieno@desk.example', name: 'Otieno' };
  it('orders the people as first named and lists each once, whether named by address or name', () => {
    const tokens = findMentions('@otieno@desk.example @[Grace Wanjiru] @[Otieno] @grace@desk.example');
    expect(orderMentioned(tokens, [grace, otieno]).map((u) => u.id)).toEqual(['a', 'b']);
  });
});
