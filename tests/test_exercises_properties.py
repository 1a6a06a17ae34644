"""Properties: any value converts to well-formed plain data; any plain data scores safely."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.exercises import load_exercise, to_plain
from kit.exercises.plain import well_formed

EXERCISE = load_exercise("ex00_practice")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.frozensets(st.integers(), max_size=4),
    ),
    max_leaves=30,
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.sampled_from(["__kit__", "axes", "columns", "data", "x"]), inner),
        st.fixed_dictionaries(
            {"__kit__": st.sampled_from(["dataframe", "series", "chart", "dict", "placeholder"])},
            optional={"columns": inner, "data": inner, "axes": inner, "values": inner},
        ),
    ),
    max_leaves=25,
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(values)
def test_any_builtin_value_becomes_well_formed_json(value):
    plain = to_plain(value)
    assert well_formed(plain)
    json.dumps(plain, allow_nan=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_any_plain_data_scores_within_the_points(value):
    for question in EXERCISE.questions:
        result = question.score({question.variable: value})
        assert 0 <= result.points <= result.max_points
        assert result.status in ("passed", "partial", "failed", "missing", "manual", "error")
        assert result.lines and all(isinstance(line, str) for line in result.lines)
