import { describe, expect, it } from 'vitest';
import { isPrivateEndpoint } from '../../shared/private-endpoint';

describe('isPrivateEndpoint (where the capability check may run by itself)', () => {
  it.each([
    'http://localhost:8080/v1',
    'http://LOCALHOST',
    'http://api.localhost:3000',
    'http://127.0.0.1:8080',
    'http://127.8.9.10',
    'http://0.0.0.0:8000',
    'http://10.1.2.3/v1',
    'http://172.16.0.1',
    'http://172.31.255.254',
    'http://192.168.1.20:1234',
    'http://169.254.10.10',
    'http://gpu-box.local:8000/v1',
    'http://gpu-box.local.:8000',
    'http://[::1]:8080',
    'http://[fe80::1]',
    'http://[fd12:3456::1]',
    'http://[::ffff:192.168.0.5]',
    'http://[::ffff:127.0.0.1]',
    // Other spellings of 127.0.0.1 that the URL parser normalises.
    'http://2130706433/',
    'http://0x7f.1/',
  ])('%s is private', (url) => expect(isPrivateEndpoint(url)).toBe(true));

  it.each([
    'https://api.openai.com/v1',
    'https://api.r9s.ai',
    'http://8.8.8.8',
    'http://172.15.0.1',
    'http://172.32.0.1',
    'http://192.169.0.1',
    'http://100.64.0.1',
    'http://[2001:db8::1]',
    'http://[::ffff:8.8.8.8]',
    'http://localhost.example.com',
    'http://local',
    'http://example.local.evil.com',
    'not a url',
    '',
  ])('%s is not private', (url) => expect(isPrivateEndpoint(url)).toBe(false));
});
