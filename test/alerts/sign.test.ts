import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signStandardWebhook, standardWebhookHeaders } from '../../src/alerts/sign.js';

// The test vector from the Standard Webhooks specification (shared/reference/standards.md).
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const BODY = '{"test": 2432232314}';

describe('Standard Webhooks signing', () => {
  it('matches the specification test vector', async () => {
    expect(await signStandardWebhook(SECRET, ID, TS, BODY)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('agrees with the independent standardwebhooks package, which verifies our headers', async () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const body = JSON.stringify({ type: 'monitor.down', version: 1, id: 'evt_1', timestamp: new Date().toISOString(), data: { ü: '✓' } });
    const headers = await standardWebhookHeaders([secret], 'evt_1', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body + ' ', headers)).toThrow();
  });

  it('signs with every secret during a rotation', async () => {
    const [oldS, newS] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = await standardWebhookHeaders([newS, oldS], 'evt_2', new Date(), '{}');
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    for (const s of [oldS, newS]) expect(new Webhook(s).verify('{}', headers)).toEqual({});
  });
});
