"""``--repair`` for web and PDF leftovers: delete stray lines, join split words.

Each change is listed with its line in the instructor's file, so the report can
say exactly what changed beyond the layout. ``line_map`` turns a line number of
the repaired text back into the file's.

>>> cleaned = remove_leftovers("Veto\\n\\nAdvertisement\\n\\nThe inter-\\nnational body met.\\n3\\n")
>>> cleaned.text
'Veto\\n\\n\\nThe international\\nbody met.\\n'
>>> cleaned.repairs
['line 3: deleted "Advertisement"', 'line 5: joined "inter-" and "national" as "international"', 'line 7: deleted "3"']
>>> cleaned.line_map
[1, 2, 4, 5, 6, 8]
>>> remove_leftovers("A word\\u00ad\\nplay here.").text  # a soft hyphen at the end, too
'A wordplay\\nhere.'
"""

from __future__ import annotations

from typing import NamedTuple

from .leftovers import find_leftovers
from .problems import Lines, quoted


class Cleaned(NamedTuple):
    text: str
    repairs: list[str]  # one per change, "line N: ..."
    line_map: list[int]  # the file's line number of each line of ``text``


def remove_leftovers(text: str) -> Cleaned:
    """``text`` without the leftovers ``find_leftovers`` finds; every change listed."""
    lines = Lines(text)
    content = dict(lines)  # line number -> its text, as it is being repaired
    deleted: set[int] = set()
    repairs = []
    for leftover in find_leftovers(lines):
        number = leftover.line
        if leftover.kind == "line":
            deleted.add(number)
            repairs.append(f"line {number}: deleted {quoted(leftover.found)}")
        elif leftover.kind == "soft-hyphen":
            content[number] = content[number].replace("\u00ad", "")
            repairs.append(
                f"line {number}: removed an invisible soft hyphen inside {quoted(leftover.found)}"
            )
        elif number + 1 in content and leftover.found.rstrip("-\u00ad") and content[number + 1]:
            first_token, *rest = content[number + 1].split(maxsplit=1)
            ending = first_token[len(leftover.second) :]  # punctuation after the word
            body = content[number].rstrip()
            body = body[:-1] if body.endswith(("-", "\u00ad")) else body  # a soft one may be gone
            content[number] = body + leftover.joined[len(leftover.found) - 1 :] + ending
            content[number + 1] = rest[0] if rest else ""
            if not content[number + 1]:
                deleted.add(number + 1)
            repairs.append(
                f'line {number}: joined "{leftover.found}" and "{leftover.second}" as '
                f'"{leftover.joined}"'
            )
    kept = [number for number in content if number not in deleted]
    repaired = "\n".join(content[number] for number in kept)
    return Cleaned(repaired, repairs, kept)
