const WORDS_MB = [' the', ' model', ' said', ' café', ' 東京', ' tokens', ' stream', '.', ' and', ' 🙂', ' of', ' data'];
const WORDS_A = [' the', ' model', ' said', ' cafe', ' tokyo', ' tokens', ' stream', '.', ' and', ' :)', ' of', ' data'];
const make = (words: string[]) => {
  const parts: string[] = [];
  for (let i = 0; i < 40000; i++) parts.push(`data: ${JSON.stringify({ choices: [{ text: words[i % words.length], index: 0, logprobs: null, finish_reason: null }], created: 1795594439, model: 'tiny-random-llama', system_fingerprint: 'b4748-c392e5094', object: 'text_completion', id: 'chatcmpl-spakrlXXksH2BcljZPX6Qj7cl3erpYMe' })}\n\n`);
  return new TextEncoder().encode(parts.join(''));
};
const split = (b: Uint8Array, n: number) => { const o = []; for (let i = 0; i < b.length; i += n) o.push(b.subarray(i, i + n)); return o; };
const run = (chunks: Uint8Array[], mode: number) => {
  const td = new TextDecoder(); let buf = ''; let c = 0;
  for (const ch of chunks) {
    buf += td.decode(ch, { stream: true });
    if (mode === 0) { buf = ''; continue; }
    let s = 0, e;
    while ((e = buf.indexOf('\n\n', s)) !== -1) { const d = buf.slice(s + 6, e); s = e + 2; if (mode === 2) c += (JSON.parse(d)).choices[0].text.length; else c += d.length; }
    buf = buf.slice(s);
  }
  return c;
};
for (const [name, words] of [['multibyte', WORDS_MB], ['ascii', WORDS_A]] as const) {
  const b = make(words as string[]); const mb = b.length / 1048576;
  for (const size of [1024, 16384, 65536, 262144]) {
    const ch = split(b, size); const res: string[] = [];
    for (const mode of [0, 1, 2]) { run(ch, mode); let best = 1e9; for (let r = 0; r < 3; r++) { const t = performance.now(); run(ch, mode); best = Math.min(best, performance.now() - t); } res.push((mb / best * 1000).toFixed(0)); }
    console.log(name, size, 'decode/split/parse MB/s', res.join(' / '));
  }
}
