"""Peer for the "word2vec" benchmark: trains gensim's Word2Vec on the Brown corpus with given settings.

Run by benchmarks/MLPrimer.Benchmarks (Word2VecBenchmark); by hand:
    /usr/bin/python3 benchmarks/peers/word2vec_gensim.py data/brown.txt.gz sg|cbow OUT.txt [workers] [epochs] [seed]
Prints one JSON line: raw corpus words, vocabulary size, seconds for the vocabulary and for training, and
training throughput (raw words x epochs / training seconds); saves the vectors to OUT.txt in the word2vec
text format so the benchmark can score them with the same similarity probe as ours.
"""
import gzip
import json
import sys
import time

from gensim.models import Word2Vec

corpus, mode, out = sys.argv[1], sys.argv[2], sys.argv[3]
workers = int(sys.argv[4]) if len(sys.argv) > 4 else 2
epochs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
seed = int(sys.argv[6]) if len(sys.argv) > 6 else 1
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    sentences = [line.split(" ") for line in f.read().split("\n") if line]
raw_words = sum(len(s) for s in sentences)

model = Word2Vec(vector_size=100, window=5, negative=5, hs=0, min_count=5, sample=1e-3,
                 sg=1 if mode == "sg" else 0, workers=workers, epochs=epochs, seed=seed)
t0 = time.perf_counter()
model.build_vocab(sentences)
t1 = time.perf_counter()
model.train(sentences, total_examples=model.corpus_count, epochs=model.epochs)
t2 = time.perf_counter()
model.wv.save_word2vec_format(out, binary=False)
print(json.dumps({"raw_words": raw_words, "vocab": len(model.wv), "vocab_seconds": t1 - t0,
                  "train_seconds": t2 - t1, "words_per_second": raw_words * epochs / (t2 - t1)}))
