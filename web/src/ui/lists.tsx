import { Button } from './controls';

interface Paged {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** `Load more` under a list read page by page (the API's cursor): present while more remains. */
export function LoadMore({ query, what }: { query: Paged; what: string }) {
  if (!query.hasNextPage) return null;
  return (
    <div className="load-more">
      <Button onPress={() => void query.fetchNextPage()} isDisabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? `Loading more ${what}…` : 'Load more'}
      </Button>
    </div>
  );
}
