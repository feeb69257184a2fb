import {
  memoForRequest,
  rememberForRequest,
  withRequestMemo,
} from '../../bot/src/platform/request-memo';
import { ErasureService } from '../../bot/src/features/data-rights/services/erasure-service';
import { hashObjectId } from '../../bot/src/features/data-rights/domain/erasure-rules';

/** Issue 18: a question a request asks twice costs one storage call; nothing outlives the request. */

function counter(answer: boolean) {
  let asked = 0;
  return {
    ask: async () => {
      asked++;
      return answer;
    },
    asked: () => asked,
  };
}

describe('one answer per question per request', () => {
  it('asks once within a request, however many times it is asked', async () => {
    const question = counter(false);
    await withRequestMemo(async () => {
      expect(await memoForRequest('q', question.ask)).toBe(false);
      expect(await memoForRequest('q', question.ask)).toBe(false);
    });
    expect(question.asked()).toBe(1);
  });

  it('asks again in the next request, and every time outside one', async () => {
    const question = counter(true);
    await withRequestMemo(() => memoForRequest('q', question.ask));
    await withRequestMemo(() => memoForRequest('q', question.ask));
    await memoForRequest('q', question.ask);
    await memoForRequest('q', question.ask);
    expect(question.asked()).toBe(4);
  });

  it('forgets a failed ask, so asking again asks storage again', async () => {
    let asked = 0;
    const flaky = async () => {
      asked++;
      if (asked === 1) throw new Error('storage unavailable');
      return 'answer';
    };
    await withRequestMemo(async () => {
      await expect(memoForRequest('q', flaky)).rejects.toThrow('storage unavailable');
      await expect(memoForRequest('q', flaky)).resolves.toBe('answer');
    });
    expect(asked).toBe(2);
  });

  it('keeps apart what two requests at once ask', async () => {
    const question = counter(false);
    await Promise.all([
      withRequestMemo(() => memoForRequest('q', question.ask)),
      withRequestMemo(() => memoForRequest('q', question.ask)),
    ]);
    expect(question.asked()).toBe(2);
  });

  it('answers a write the request has just made for the rest of it', async () => {
    const question = counter(false);
    await withRequestMemo(async () => {
      expect(await memoForRequest('q', question.ask)).toBe(false);
      rememberForRequest('q', true);
      expect(await memoForRequest('q', question.ask)).toBe(true);
    });
    expect(question.asked()).toBe(1);
  });
});

describe('whether a person was erased', () => {
  it('is read from storage once per request, by the token check and the identity look-up alike', async () => {
    const reads: string[] = [];
    const requests = {
      isTombstoned: async (hash: string) => {
        reads.push(hash);
        return false;
      },
    };
    const service = new ErasureService(
      requests as never,
      {} as never,
      {} as never,
      () => new Date(),
      {} as never,
    );
    await withRequestMemo(async () => {
      expect(await service.isErased('7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01')).toBe(false);
      expect(await service.isErased('7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01')).toBe(false);
    });
    expect(reads).toEqual([hashObjectId('7c3f1a52-8d4e-4b9a-a1f0-0d5e6c7b8a01')]);
  });
});
