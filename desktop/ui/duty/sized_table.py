"""A table view whose ResizeToContents rows and columns stay cheap on hundreds of rows.

Qt sizes such sections by asking the delegate about every cell, each time through several
data() calls into Python, and asks again after every reset, sort or filter: 400 people × 9
columns took over a second. Here each distinct text is measured once, by the delegate itself
on a cell that shows it (so the sizes are exactly Qt's), and the row and column sizes are
worked out from the texts until the model changes.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView


class TextSizedTableView(QTableView):
    """The source model (behind any proxies) may offer display_text(row, column) -> str for
    speed; otherwise DisplayRole is read. Cells must size by their text alone (no icons)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._hints: tuple[list[int], list[int]] | None = None  # per view row, per column
        self._sizes: dict[str, tuple[int, int]] = {}  # text -> delegate's (width, height)
        self._watched = None

    def setModel(self, model) -> None:
        super().setModel(model)
        self._hints = None
        if model is not None and model is not self._watched:
            self._watched = model
            # "about to": the view's own handling of the change already asks for new sizes
            for signal in (model.modelAboutToBeReset, model.layoutAboutToBeChanged,
                           model.rowsAboutToBeInserted, model.rowsAboutToBeRemoved,
                           model.columnsAboutToBeInserted, model.columnsAboutToBeRemoved, model.dataChanged):
                signal.connect(self._forget)

    def _forget(self, *_) -> None:
        self._hints = None

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hints, self._sizes = None, {}
        super().changeEvent(event)

    def _source(self, model):
        """(source model, view row -> source row)."""
        mapping = []
        while hasattr(model, "mapToSource"):
            mapping.append(model)
            model = model.sourceModel()

        def source_row(row: int) -> int:
            index = self.model().index(row, 0)
            for proxy in mapping:
                index = proxy.mapToSource(index)
            return index.row()

        return model, source_row if mapping else (lambda row: row)

    def _measure(self) -> tuple[list[int], list[int]]:
        if self._hints is not None:
            return self._hints
        view_model = self.model()
        source, source_row = self._source(view_model)
        text_of = getattr(source, "display_text", None)
        rows, columns = [], [0] * view_model.columnCount()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegate()
        for row in range(view_model.rowCount()):
            height, s_row = 0, source_row(row)
            for column in range(len(columns)):
                if text_of is not None:
                    text = text_of(s_row, column)
                else:
                    text = source.index(s_row, column).data(Qt.ItemDataRole.DisplayRole)
                text = "" if text is None else str(text)
                size = self._sizes.get(text)
                if size is None:  # first time this text shows: the delegate measures the cell
                    hint = delegate.sizeHint(option, view_model.index(row, column))
                    size = self._sizes[text] = (hint.width(), hint.height())
                columns[column] = max(columns[column], size[0])
                height = max(height, size[1])
            rows.append(height)
        grid = 1 if self.showGrid() else 0  # as QTableView's own hints add
        self._hints = ([h + grid for h in rows], [w + grid for w in columns])
        return self._hints

    def sizeHintForRow(self, row: int) -> int:
        if self.model() is None:
            return -1
        rows = self._measure()[0]
        return rows[row] if 0 <= row < len(rows) else -1

    def sizeHintForColumn(self, column: int) -> int:
        if self.model() is None:
            return -1
        columns = self._measure()[1]
        return columns[column] if 0 <= column < len(columns) else -1
