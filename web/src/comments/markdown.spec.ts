import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { renderMarkdown, safeUrl } from './markdown';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * The comment as the page gets it (React's markup), read back by a spec-conformant HTML parser
 * (parse5, the one browsers' behaviour is written down in): what is checked is the DOM a browser
 * would build, not the strings we meant to write.
 */
function renderedDom(body: string, mentions: Array<{ name: string }> = []): Element[] {
  const html = renderToStaticMarkup(createElement('div', null, ...renderMarkdown(body, mentions)));
  const elements: Element[] = [];
  const pending: Node[] = [parseFragment(html)];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if ('tagName' in node) elements.push(node);
    if ('childNodes' in node) pending.push(...node.childNodes);
    if ('content' in node) pending.push(node.content);
  }
  return elements;
}

function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** The test corpus of the API, shared: web/ imports nothing from test/, so it is read as a file. */
interface StoredCase {
  name: string;
  status: number;
  body?: string;
  repeat?: string;
  times?: number;
  prefix?: string;
  suffix?: string;
}
const corpus = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'hostile-markdown.json'), 'utf8')) as { cases: StoredCase[] };
const stored = corpus.cases
  .filter((c) => c.status === 201)
  .map((c) => ({ name: c.name, body: c.body ?? `${c.prefix ?? ''}${(c.repeat ?? '').repeat(c.times ?? 0)}${c.suffix ?? ''}` }));

/** What Markdown may make, and the only attributes each may carry. */
const ALLOWED: Record<string, string[]> = {
  div: [],
  p: [],
  br: [],
  hr: [],
  em: [],
  strong: [],
  s: [],
  code: [],
  pre: [],
  blockquote: [],
  ul: [],
  ol: ['start'],
  li: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['class'],
  td: ['class'],
  span: ['class'],
  a: ['href', 'target', 'rel', 'title'],
};

describe('a hostile comment body renders inert', () => {
  it('reads every stored case of the corpus', () => {
    expect(stored.length).toBeGreaterThanOrEqual(40);
  });

  it.each(stored)('$name', ({ body }) => {
    const elements = renderedDom(body);
    for (const element of elements) {
      // Only the elements Markdown makes: no script, style, iframe, img, svg, form, base …
      expect(Object.keys(ALLOWED)).toContain(element.tagName);
      for (const { name, value } of element.attrs) {
        expect(name).not.toMatch(/^on/i);
        expect(ALLOWED[element.tagName]).toContain(name);
        expect(value).not.toMatch(/^\s*(javascript|vbscript|data|file):/i);
      }
      if (element.tagName === 'a') {
        expect(['http:', 'https:', 'mailto:']).toContain(new URL(attr(element, 'href') ?? '').protocol);
        expect(attr(element, 'rel')).toBe('noopener noreferrer');
      }
    }
    expect(elements.some((e) => e.attrs.some((a) => a.name === 'src'))).toBe(false);
  });
});

describe('what Markdown a comment shows', () => {
  const tags = (body: string) => renderedDom(body).map((e) => e.tagName);
  const html = (body: string, mentions: Array<{ name: string }> = []) => renderToStaticMarkup(createElement('div', null, ...renderMarkdown(body, mentions)));

  it('keeps raw HTML as the text it was written as', () => {
    expect(html('Before <script>alert(1)</script> after')).toBe('<div><p>Before &lt;script&gt;alert(1)&lt;/script&gt; after</p></div>');
  });

  it('renders emphasis, lists, quotes, code and tables', () => {
    expect(tags('**bold** _it_ ~~gone~~ `code`')).toEqual(expect.arrayContaining(['strong', 'em', 's', 'code']));
    expect(tags('- one\n- two\n\n3. three')).toEqual(expect.arrayContaining(['ul', 'li', 'ol']));
    expect(html('3. three')).toContain('<ol start="3">');
    expect(tags('> quoted')).toContain('blockquote');
    expect(html('```\n<b>x</b>\n```')).toBe('<div><pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre></div>');
    expect(html('| a | b |\n|:-|-:|\n| 1 | 2 |')).toContain('<td class="align-left">1</td><td class="align-right">2</td>');
  });

  it('starts headings at h3, under the page title and the conversation', () => {
    expect(tags('# One\n## Two\n#### Four')).toEqual(expect.arrayContaining(['h3', 'h4', 'h6']));
    expect(tags('# One')).not.toContain('h1');
  });

  it('keeps line breaks as written', () => {
    expect(html('one\ntwo')).toBe('<div><p>one<br/>two</p></div>');
  });

  it('links http, https and mailto addresses, opening web pages apart from the desk', () => {
    expect(html('[table 4](https://treasury.example.go.ke/budget "Budget")')).toBe(
      '<div><p><a href="https://treasury.example.go.ke/budget" target="_blank" rel="noopener noreferrer" title="Budget">table 4</a></p></div>',
    );
    expect(html('See https://treasury.example.go.ke/x.')).toContain('<a href="https://treasury.example.go.ke/x" target="_blank" rel="noopener noreferrer">');
    expect(html('[write](mailto:desk@desk.example)')).toContain('href="mailto:desk@desk.example"');
  });

  it('leaves relative and other addresses as text', () => {
    expect(tags('[claim](/claims/1) [ftp](ftp://x.example/f) [js](javascript:alert(1))')).not.toContain('a');
  });

  it('shows an image as a link to it, never loading it', () => {
    expect(html('![chart](https://desk.example/chart.png)')).toBe(
      '<div><p><a href="https://desk.example/chart.png" target="_blank" rel="noopener noreferrer">Image: chart</a></p></div>',
    );
    // An address that may not be linked leaves the Markdown as the text it was.
    expect(html('![scan](data:image/png;base64,AAAA)')).toBe('<div><p>![scan](data:image/png;base64,AAAA)</p></div>');
  });

  it('marks the mentions the API recognised, and only those', () => {
    expect(html('Ask @[Grace  Wanjiru] and @[Nobody]', [{ name: 'Grace Wanjiru' }])).toBe(
      '<div><p>Ask <span class="mention">@Grace  Wanjiru</span> and @[Nobody]</p></div>',
    );
    expect(html('`@[Grace Wanjiru]`', [{ name: 'Grace Wanjiru' }])).toBe('<div><p><code>@[Grace Wanjiru]</code></p></div>');
  });
});

describe('which addresses a comment may link', () => {
  it('reads a URL as the browser does before judging its scheme', () => {
    expect(safeUrl('java\tscript:alert(1)')).toBeNull();
    expect(safeUrl(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeUrl('HTTPS://Desk.Example/a b')).toBe('https://desk.example/a%20b');
    expect(safeUrl('/relative')).toBeNull();
    expect(safeUrl('mailto:a@desk.example', ['http:', 'https:'])).toBeNull();
  });
});
