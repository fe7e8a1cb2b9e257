"""Make search/data/compound_parts.txt, the word list that splits Dutch compounds in the index.

    apt-get install -y wdutch      # the OpenTaal word list, /usr/share/dict/dutch
    .venv/bin/python scripts/make_compound_parts.py

The rule: a word is kept when it is one of the two parts of at least MIN_COMPOUNDS compounds
in the list itself. From the OpenTaal list it takes lowercase words only (no proper nouns),
folded to ASCII as the index folds them ("coördinatie" -> "coordinatie"), letters only.
A compound is a listed word that is a listed head plus a listed tail, each of MIN_PART letters
or more, optionally joined by a linking "s", "e" or "en" ("projectbureau", "opgavebudget",
"bestemmingsplan"). Counting whole two-part compounds rather than prefixes keeps out the
plurals and inflections ("projecten" is no compound of "project") and the words that only look
like parts. A part plus a linking "s" is left out when the part itself is in: the index keeps
only the longest match, and "portefeuilles" would hide "portefeuille".
Five compounds keeps about 9,500 words: small enough to live in the index settings
(about 80 KB), and it keeps the words this site needs ("sturing", "opgave", "portefeuille").
Safe to run again: it rewrites the same file from the same list.
"""

import argparse
import collections
import re
import unicodedata
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/dict/dutch")
TARGET = ROOT / "search" / "data" / "compound_parts.txt"
MIN_PART = 4
MIN_COMPOUNDS = 5
LINKS = ("", "s", "e", "en")


def fold(word):
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def read_words(path):
    """Lowercase words of letters only, folded to ASCII."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and word == word.lower() and word.isalpha():
            folded = fold(word)
            if re.fullmatch(r"[a-z]+", folded):
                words.add(folded)
    return words


def split(word, words):
    """The (head, tail) of `word` as a two-part compound of listed words, or None."""
    for at in range(MIN_PART, len(word) - MIN_PART + 1):
        head, rest = word[:at], word[at:]
        if head not in words:
            continue
        for link in LINKS:
            tail = rest[len(link) :]
            if rest.startswith(link) and len(tail) >= MIN_PART and tail in words:
                return head, tail
    return None


def compound_parts(words):
    counts = collections.Counter()
    for word in tqdm(sorted(words), desc="Samenstellingen", unit="woord"):
        parts = split(word, words)
        if parts:
            counts.update(parts)
    parts = {part for part, count in counts.items() if count >= MIN_COMPOUNDS}
    # A part plus the linking "s" ("portefeuilles" in "portefeuillesturing") would be the longest
    # match and hide the part itself, which the Dutch stemmer does not give back.
    return sorted(part for part in parts if not (part.endswith("s") and part[:-1] in parts))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"the word list (default {SOURCE})")
    args = parser.parse_args()
    words = read_words(args.source)
    parts = compound_parts(words)
    header = [
        f"# Parts of Dutch compounds for the index's dictionary_decompounder: {len(parts)} words.",
        f"# Made by scripts/make_compound_parts.py from {args.source.name} (OpenTaal, Debian package wdutch):",
        f"# lowercase words of letters only, folded to ASCII, of {MIN_PART} letters or more, that are a part",
        f"# of at least {MIN_COMPOUNDS} two-part compounds in that list. Regenerate instead of editing by hand.",
    ]
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text("\n".join([*header, *parts]) + "\n", encoding="utf-8")
    print(f"{len(words):,} words read, {len(parts):,} parts written to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
