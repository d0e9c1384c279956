import markdownIt, { type Token } from 'markdown-it';
import { createElement, Fragment, type ReactNode } from 'react';

/**
 * Comment bodies are Markdown stored exactly as written, by anyone in the workspace, and clients
 * render them with HTML disabled (docs/api.md, "Conversation on a claim"). markdown-it parses
 * with raw HTML off, so `<script>` stays text; its tokens are then turned into React elements
 * here, from a fixed list of tags and attributes, never through innerHTML: whatever the parser
 * might let by, the only elements that can exist are the ones named below, and the only URLs
 * are http, https and mailto.
 */
const parser = markdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });

const LINK_SCHEMES = ['http:', 'https:', 'mailto:'];
const IMAGE_SCHEMES = ['http:', 'https:'];

/**
 * The URL as the browser would read it (the WHATWG parser drops tabs and line breaks, resolves
 * entities' leftovers and lower-cases the scheme), if its scheme is one of `schemes`; null for
 * anything else, relative addresses included.
 */
export function safeUrl(url: string, schemes: readonly string[] = LINK_SCHEMES): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return schemes.includes(parsed.protocol) ? parsed.href : null;
}

// A link markdown-it finds unsafe stays plain text (its brackets and all), as CommonMark says.
parser.validateLink = (url: string) => safeUrl(url) !== null;

/** Tags a token may become as it is; anything else renders its children only. */
const TAGS = new Set(['p', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'em', 'strong', 's']);
const ALIGN = /^text-align:(left|right|center)$/;
/** A comment sits under the page's h1 and the Conversation h2: its headings start at h3. */
const HEADING_SHIFT = 2;
/** `@[Name]` as the API reads it (src/comments/mentions.ts). */
const NAME_MENTION = /(?<![\p{L}\p{N}._%+@-])@\[([^\][\r\n]{1,200})\]/gu;

interface Context {
  /** The people the API found the body mentions, by their name folded. */
  mentioned: Set<string>;
  key: number;
}

function fold(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A token's attribute as text ('' when absent). */
function attr(token: Token, name: string): string {
  const value = token.attrGet(name);
  return value === null ? '' : String(value);
}

function element(type: string, ctx: Context, props: Record<string, unknown> | null, ...children: ReactNode[]): ReactNode {
  return createElement(type, { key: ctx.key++, ...props }, ...children);
}

/** Text, with the mentions the API recognised marked (only those: anything else stays as typed). */
function text(content: string, ctx: Context): ReactNode {
  if (ctx.mentioned.size === 0 || !content.includes('@[')) return content;
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of content.matchAll(NAME_MENTION)) {
    if (!ctx.mentioned.has(fold(match[1]!))) continue;
    parts.push(content.slice(last, match.index));
    parts.push(element('span', ctx, { className: 'mention' }, `@${match[1]!.trim()}`));
    last = match.index + match[0].length;
  }
  parts.push(content.slice(last));
  return createElement(Fragment, { key: ctx.key++ }, ...parts);
}

/** An opening token and the children built up to its closing token. */
function container(open: Token, children: ReactNode[], ctx: Context): ReactNode {
  switch (open.type) {
    case 'paragraph_open':
      // The paragraphs of a tight list are hidden: their text sits in the item itself.
      return open.hidden ? createElement(Fragment, { key: ctx.key++ }, ...children) : element('p', ctx, null, ...children);
    case 'heading_open': {
      const level = Math.min(6, Number(open.tag.slice(1)) + HEADING_SHIFT);
      return element(`h${Number.isInteger(level) && level >= 3 ? level : 6}`, ctx, null, ...children);
    }
    case 'ordered_list_open': {
      const start = Number(attr(open, 'start') || 1);
      return element('ol', ctx, Number.isSafeInteger(start) && start !== 1 ? { start } : null, ...children);
    }
    case 'th_open':
    case 'td_open': {
      const align = ALIGN.exec(attr(open, 'style'));
      return element(open.tag === 'th' ? 'th' : 'td', ctx, align ? { className: `align-${align[1]}` } : null, ...children);
    }
    case 'link_open': {
      const href = safeUrl(attr(open, 'href'));
      if (!href) return createElement(Fragment, { key: ctx.key++ }, ...children);
      const title = attr(open, 'title');
      return element('a', ctx, { href, target: '_blank', rel: 'noopener noreferrer', ...(title ? { title } : {}) }, ...children);
    }
    default:
      return TAGS.has(open.tag) ? element(open.tag, ctx, null, ...children) : createElement(Fragment, { key: ctx.key++ }, ...children);
  }
}

/** A token that opens and closes nothing. */
function leaf(token: Token, ctx: Context): ReactNode {
  switch (token.type) {
    case 'inline':
      return build(token.children ?? [], ctx);
    case 'text':
      return text(token.content, ctx);
    case 'softbreak':
    case 'hardbreak':
      return element('br', ctx, null);
    case 'code_inline':
      return element('code', ctx, null, token.content);
    case 'code_block':
    case 'fence':
      return element('pre', ctx, null, element('code', ctx, null, token.content));
    case 'hr':
      return element('hr', ctx, null);
    case 'image': {
      // Shown as a link to the picture, never loaded into the page: no tracking pixel, no SVG
      // with script, and the reader decides whether to open it.
      const alt = token.content.trim();
      const src = safeUrl(attr(token, 'src'), IMAGE_SCHEMES);
      if (!src) return alt;
      return element('a', ctx, { href: src, target: '_blank', rel: 'noopener noreferrer' }, `Image: ${alt || new URL(src).hostname}`);
    }
    default:
      // html_inline / html_block never come with html off; anything else is shown as text.
      return token.content;
  }
}

/** Tokens (block level, or one inline token's children) to React nodes, with a stack, not recursion. */
function build(tokens: readonly Token[], ctx: Context): ReactNode[] {
  const root: ReactNode[] = [];
  const stack: Array<{ open: Token | null; children: ReactNode[] }> = [{ open: null, children: root }];
  for (const token of tokens) {
    if (token.nesting === 1) {
      stack.push({ open: token, children: [] });
    } else if (token.nesting === -1 && stack.length > 1) {
      const frame = stack.pop()!;
      stack[stack.length - 1]!.children.push(container(frame.open!, frame.children, ctx));
    } else if (token.nesting === 0) {
      stack[stack.length - 1]!.children.push(leaf(token, ctx));
    }
  }
  // markdown-it always closes what it opens; should it not, the children are kept all the same.
  while (stack.length > 1) {
    const frame = stack.pop()!;
    stack[stack.length - 1]!.children.push(container(frame.open!, frame.children, ctx));
  }
  return root;
}

/**
 * A comment's Markdown as React nodes. `mentions` are the people the API says the body names
 * (CommentView.mentions): their `@[Name]` is shown as a mention.
 */
export function renderMarkdown(body: string, mentions: ReadonlyArray<{ name: string }> = []): ReactNode[] {
  const ctx: Context = { mentioned: new Set(mentions.map((m) => fold(m.name))), key: 0 };
  return build(parser.parse(body, {}), ctx);
}
