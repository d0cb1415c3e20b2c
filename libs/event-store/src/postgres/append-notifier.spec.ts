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
