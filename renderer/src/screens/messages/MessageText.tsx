import { splitLinks } from './links';

/**
 * A message body as text. http(s) addresses in it are buttons that ask before opening
 * (onLink); every other character is plain text, whatever it looks like.
 */
export function MessageText({
  text,
  onLink,
  tabIndex,
}: {
  text: string;
  onLink: (url: string) => void;
  tabIndex: number;
}): React.JSX.Element {
  return (
    <>
      {splitLinks(text).map((piece, i) =>
        piece.url !== undefined ? (
          <button
            key={i}
            type="button"
            className="text-link"
            tabIndex={tabIndex}
            onClick={() => onLink(piece.url!)}
            data-testid="message-link"
          >
            {piece.text}
          </button>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}
