import { laterAnnounced } from '../event-store.port';
import { announcedPosition } from './append-notifier';

describe('the position a NOTIFY announces', () => {
  it('reads <commit>:<position>', () => {
    expect(announcedPosition('8123:42')).toEqual({ commit: '8123', position: 42 });
    expect(announcedPosition('18446744073709551615:9007199254740991')).toEqual({ commit: '18446744073709551615', position: 9007199254740991 });
  });

  it('is null for none or anything else (a wake-up that reads)', () => {
    for (const payload of [undefined, '', 'x', '1:', ':1', '1:2:3', '-1:2', '1:9007199254740993', ' 1:2']) expect(announcedPosition(payload)).toBeNull();
  });
});

describe('how far several wake-ups say the log is committed', () => {
  const at = (commit: string, position: number) => ({ commit, position });
  it('is the latest position, none before the first', () => {
    expect(laterAnnounced(undefined, at('7', 3))).toEqual(at('7', 3));
    expect(laterAnnounced(at('7', 3), at('9', 1))).toEqual(at('9', 1));
    expect(laterAnnounced(at('9', 1), at('7', 3))).toEqual(at('9', 1));
    expect(laterAnnounced(at('10', 1), at('9', 5))).toEqual(at('10', 1)); // commit order compared as numbers, not text
  });
  it('is unknown once one wake-up did not say', () => {
    expect(laterAnnounced(at('7', 3), null)).toBeNull();
    expect(laterAnnounced(null, at('9', 1))).toBeNull();
    expect(laterAnnounced(undefined, null)).toBeNull();
  });
});
