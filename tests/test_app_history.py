"""The app's History page: the demonstration set or an upload gives the import's notes, the
calibration per site and the measured-vs-modelled FTE, and continues to the comparison."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "history_broken"


def _history_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("views/history.py").run()
    return at


def test_demo_history_calibrates_and_continues_to_the_comparison():
    at = _history_page()
    assert any("Upload a history file" in info.value for info in at.info)
    at.toggle(key="history-demo").set_value(True).run()
    assert not at.exception and not at.error
    assert [s.value for s in at.subheader] == ["What the import found", "Calibration"]
    calibration = at.dataframe[1].value
    assert len(calibration) == 10
    assert (calibration["bias"].abs() <= 0.02).all()
    assert "today as measured" in at.dataframe[2].value.index
    at.button[0].click().run()
    assert not at.exception and not at.error
    source = at.session_state["source"]
    assert source["kind"] == "uploaded" and "[history]" in source["text"]
    assert at.metric  # the overview's headline figures


def test_a_broken_upload_shows_one_message_naming_the_row():
    at = _history_page()
    data = (BROKEN / "negative_count.csv").read_bytes()
    at.file_uploader[0].set_value(("negative_count.csv", data, "text/csv")).run()
    assert not at.exception
    assert "row 5, column 'abandoned': negative count -2" in at.error[0].value
