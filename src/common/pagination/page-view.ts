import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** The OpenAPI shape of `{ items, nextCursor }` for one item type. */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  class PageView {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
    nextCursor: string | null;
  }
  Object.defineProperty(PageView, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
  return PageView;
}

/** The OpenAPI shape of `{ items }` for the lists that are answered whole. */
export function ListOf<T>(item: Type<T>): Type<{ items: T[] }> {
  class ListView {
    @ApiProperty({ type: [item] })
    items: T[];
  }
  Object.defineProperty(ListView, 'name', { value: `${item.name.replace(/View$/, '')}List` });
  return ListView;
}
