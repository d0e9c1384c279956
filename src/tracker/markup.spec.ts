import { escapeMarkup, jsonForScript, linkable, paragraphs, shorten } from './markup';

describe('tracker markup helpers', () => {
  it('escapes the five markup characters and drops characters HTML and XML refuse', () => {
    expect(escapeMarkup(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
    expect(escapeMarkup('a\u0001b\u0085c\ufffed\te\nf')).toBe('abcd\te\nf');
    expect(escapeMarkup(null)).toBe('');
    expect(escapeMarkup(12)).toBe('12');
  });

  it('keeps JSON-LD inside its script element', () => {
    const json = jsonForScript({ text: '</script><script>alert(1)</script><!-- & \u2028 \u0085' });
    expect(json).not.toMatch(/[<>&\u2028\u0085]/);
    expect(JSON.parse(json)).toEqual({ text: '</script><script>alert(1)</script><!-- & \u2028 \u0085' });
  });

  it('links only http and https addresses', () => {
    expect(linkable('https://news.example/a?b=1')).toBe('https://news.example/a?b=1');
    expect(linkable('javascript:alert(1)')).toBeNull();
    expect(linkable('data:text/html,x')).toBeNull();
    expect(linkable('not a url')).toBeNull();
    expect(linkable(null)).toBeNull();
  });

  it('splits text into paragraphs at blank lines', () => {
    expect(paragraphs('One.\nstill one.\n\n  Two.  \r\n\r\nThree.\n\n\n')).toEqual(['One.\nstill one.', 'Two.', 'Three.']);
    expect(paragraphs(null)).toEqual([]);
  });

  it('shortens at a word', () => {
    expect(shorten('Kenya will be reimbursed for the Haiti mission', 20)).toBe('Kenya will be…');
    expect(shorten('short', 20)).toBe('short');
  });
});
