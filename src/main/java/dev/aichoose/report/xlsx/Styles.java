package dev.aichoose.report.xlsx;

import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** The workbook's cell formats, made once: Excel caps the number of distinct styles. */
public final class Styles {
    public final CellStyle header;
    public final CellStyle title;
    public final CellStyle bold;
    public final CellStyle usd;
    public final CellStyle usdBold;
    public final CellStyle usdPrecise;
    public final CellStyle percent;
    public final CellStyle integer;
    public final CellStyle decimal;
    public final CellStyle date;
    private final Workbook wb;
    private final Font greyItalic;
    private final Map<CellStyle, CellStyle> infeasible = new HashMap<>();

    public Styles(Workbook wb) {
        this.wb = wb;
        greyItalic = wb.createFont();
        greyItalic.setItalic(true);
        greyItalic.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
        Font boldFont = wb.createFont();
        boldFont.setBold(true);
        header = wb.createCellStyle();
        header.setFont(boldFont);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setWrapText(true);
        header.setVerticalAlignment(VerticalAlignment.TOP);
        Font titleFont = wb.createFont();
        titleFont.setBold(true);
        titleFont.setFontHeightInPoints((short) 12);
        title = wb.createCellStyle();
        title.setFont(titleFont);
        bold = wb.createCellStyle();
        bold.setFont(boldFont);
        var format = wb.createDataFormat();
        usd = numeric(wb, format.getFormat("\"$\"#,##0.00"));
        usdBold = numeric(wb, format.getFormat("\"$\"#,##0.00"));
        usdBold.setFont(boldFont);
        usdPrecise = numeric(wb, format.getFormat("\"$\"0.000000"));
        percent = numeric(wb, format.getFormat("0.00%"));
        integer = numeric(wb, format.getFormat("#,##0"));
        decimal = numeric(wb, format.getFormat("#,##0.00"));
        date = numeric(wb, format.getFormat("yyyy-mm-dd"));
    }

    /** The same format in grey italics, made once per format. */
    public CellStyle infeasible(CellStyle base) {
        return infeasible.computeIfAbsent(base, b -> {
            CellStyle s = wb.createCellStyle();
            s.cloneStyleFrom(b);
            s.setFont(greyItalic);
            return s;
        });
    }

    private static CellStyle numeric(Workbook wb, short dataFormat) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(dataFormat);
        return s;
    }
}
