"""Writes the gensim reference files the Embeddings tests compare against (gensim 4.x, numpy).

Run from the repository root:
    /usr/bin/python3 tests/MLPrimer.Tests/Embeddings/reference/make_gensim_reference.py
It reads the first 3,000 sentences of data/brown.txt.gz and writes, next to this script:
  gensim-vocab.tsv    word, count, keep probability under sample=1e-3 (gensim's sample_int / (2^32 - 1)) and
                      negative-sampling probability (steps of gensim's cum_table / its domain), min_count=10
  gensim-vectors.txt  a 16-dimensional skip-gram model (min_count=10, 5 epochs, 1 worker, seed 1) saved by
                      KeyedVectors.save_word2vec_format (text format)
  gensim-queries.tsv  gensim's similarity and most_similar answers on those vectors: "sim<TAB>a<TAB>b<TAB>cosine"
                      and "top<TAB>word<TAB>rank<TAB>neighbour<TAB>cosine"
"""
import gzip
import os

from gensim.models import Word2Vec

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", "..", "..", ".."))
with gzip.open(os.path.join(root, "data", "brown.txt.gz"), "rt", encoding="utf-8") as f:
    sentences = [line.rstrip("\n").split(" ") for _, line in zip(range(3000), f)]

model = Word2Vec(vector_size=16, window=5, negative=5, min_count=10, sample=1e-3, sg=1, workers=1, epochs=5, seed=1)
model.build_vocab(sentences)
wv = model.wv
domain = float(model.cum_table[-1])
with open(os.path.join(here, "gensim-vocab.tsv"), "w", encoding="utf-8", newline="\n") as out:
    out.write("word\tcount\tkeep\tnoise\n")
    previous = 0
    for i, word in enumerate(wv.index_to_key):
        noise = (int(model.cum_table[i]) - previous) / domain
        previous = int(model.cum_table[i])
        keep = int(wv.get_vecattr(word, "sample_int")) / (2**32 - 1)
        out.write(f"{word}\t{wv.get_vecattr(word, 'count')}\t{keep:.9f}\t{noise:.9f}\n")

model.train(sentences, total_examples=model.corpus_count, epochs=model.epochs)
wv.save_word2vec_format(os.path.join(here, "gensim-vectors.txt"), binary=False)
with open(os.path.join(here, "gensim-queries.tsv"), "w", encoding="utf-8", newline="\n") as out:
    for a, b in [("he", "she"), ("man", "said"), ("the", "of"), ("new", "year")]:
        out.write(f"sim\t{a}\t{b}\t{float(wv.similarity(a, b)):.6f}\n")
    for word in ["he", "new", "president"]:
        for rank, (other, cos) in enumerate(wv.most_similar(word, topn=5), 1):
            out.write(f"top\t{word}\t{rank}\t{other}\t{cos:.6f}\n")
