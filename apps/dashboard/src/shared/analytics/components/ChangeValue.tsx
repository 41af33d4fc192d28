import { formatPValue } from '../../format';
import { CHANGE_ALPHA, type RateChangeTest } from '../utils/rateChange';

/**
 * A change with whether it is more than chance: "+0.8 pts · clear change" or "+0.2 pts · could be
 * chance", the test and its p-value on hover and focus. Without a test (counts, hidden figures) the
 * change alone.
 */
export function ChangeValue({ text, test }: { text: string; test: RateChangeTest | null }) {
  if (!test) return <>{text}</>;
  const p = formatPValue(test.pValue);
  const why = test.beyondChance
    ? `A clear change: chance alone would rarely move the rate this far (two-proportion test, p = ${p}, below ${CHANGE_ALPHA}).`
    : `Could be chance: a change this size happens by chance often enough (two-proportion test, p = ${p}; ${CHANGE_ALPHA} or more is not a clear change).`;
  return (
    <span className="change-value">
      {text}{' '}
      <abbr
        className={`change-test change-test--${test.beyondChance ? 'clear' : 'chance'}`}
        title={why}
        data-tip={why}
        tabIndex={0}
      >
        {test.beyondChance ? 'clear change' : 'could be chance'}
      </abbr>
    </span>
  );
}
