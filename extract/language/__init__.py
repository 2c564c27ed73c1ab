"""The reading core: an article's Doc in, the meetings it reports out.

Stages, each a module with plain data between them:

1. `names`     — how name-like a word is, from kept data (given names, surnames, word frequencies);
2. `mentions`  — offices and person names found from independent cues;
3. `persons`   — mentions clustered into the people of the document;
4. `frames`    — meeting predicates and their participant slots, filled from the whole document;
5. `reader`    — frames assembled into `Meeting`s, with dates, places, topics, statements, proposals.
"""
