import type {
  RecommendationDimension,
  RecommendationOption,
  SegmentRecommendations as SegmentRecs,
} from '@resonance/contracts';
import { optionLabel } from '../utils/labels';
import { describeRate, formatCount, formatInteger } from '../../../shared/format';

/** Options shown before "N more": the top of each ranking. */
const TOP = 3;

const DIMENSION_LABELS: Record<RecommendationDimension, string> = {
  format: 'Formats',
  platform: 'Platforms',
  theme: 'Themes',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function OptionItem({
  dimension,
  option,
  threshold,
}: {
  dimension: RecommendationDimension;
  option: RecommendationOption;
  threshold: number;
}) {
  const rate = describeRate(option.engagementRate);
  return (
    <li className={option.status === 'ranked' ? 'planning-option' : 'planning-option planning-option--thin'}>
      <span className="planning-option__name">
        {option.rank !== null && <span className="planning-rank">#{option.rank}</span>}{' '}
        {optionLabel(dimension, option.value)}
      </span>
      <span className="planning-option__rate">
        {rate.value}
        {rate.interval && <span className="planning-muted"> ({rate.interval})</span>}
      </span>
      <span className="planning-muted planning-option__n">
        {formatCount(option.impressions, threshold)} impressions · {formatInteger(option.creatives)}{' '}
        {option.creatives === 1 ? 'creative' : 'creatives'}
        {option.status === 'not_enough_history' && ' · not enough history to rank'}
      </span>
    </li>
  );
}

/** One segment: the best formats, platforms and themes by the lower bound of their interval. */
export function SegmentRecommendations({ recs, threshold }: { recs: SegmentRecs; threshold: number }) {
  const headingId = `recs-${recs.segment.id}`;
  return (
    <article className="planning-recs" aria-labelledby={headingId}>
      <h3 id={headingId}>{recs.segment.label}</h3>
      {recs.status === 'not_enough_history' ? (
        <p className="planning-notice">
          <strong>Not enough history yet.</strong> {capitalise(recs.explanation.replace(/^Not enough history:\s*/, ''))}
        </p>
      ) : (
        <p className="planning-muted">{recs.explanation}</p>
      )}
      <div className="planning-recs__dims">
        {recs.dimensions
          .filter(({ options }) => options.length > 0 || recs.status === 'ok')
          .map(({ dimension, options }) => (
            <div key={dimension}>
              <h4>{DIMENSION_LABELS[dimension]}</h4>
              {options.length === 0 ? (
                <p className="planning-muted">No data.</p>
              ) : (
                <>
                  <ol className="planning-options">
                    {options.slice(0, TOP).map((o) => (
                      <OptionItem key={o.value} dimension={dimension} option={o} threshold={threshold} />
                    ))}
                  </ol>
                  {options.length > TOP && (
                    <details className="planning-more">
                      <summary>
                        {options.length - TOP} more {DIMENSION_LABELS[dimension].toLowerCase()}
                      </summary>
                      <ol className="planning-options" start={TOP + 1}>
                        {options.slice(TOP).map((o) => (
                          <OptionItem key={o.value} dimension={dimension} option={o} threshold={threshold} />
                        ))}
                      </ol>
                    </details>
                  )}
                </>
              )}
            </div>
          ))}
      </div>
    </article>
  );
}
