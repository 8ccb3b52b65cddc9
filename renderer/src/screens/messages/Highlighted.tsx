import { splitHits } from './hits';

/** A search snippet with its hits as <mark> elements, built from text pieces (never HTML). */
export function Highlighted({ snippet }: { snippet: string }): React.JSX.Element {
  return (
    <>
      {splitHits(snippet).map((piece, i) =>
        piece.hit ? (
          <mark key={i} className="hit">
            {piece.text}
          </mark>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}
