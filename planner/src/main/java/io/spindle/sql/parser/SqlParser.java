package io.spindle.sql.parser;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

import static java.util.Objects.requireNonNull;

/** Turns SQL text into its parse tree, failing with a {@link ParseException} at the first syntax error. */
public final class SqlParser
{
    private SqlParser()
    {
    }

    public static SpindleSqlParser.SingleStatementContext parse(String sql)
    {
        return parser(sql).singleStatement();
    }

    /** An expression with an optional alias, such as {@code "price * 2 AS doubled"}. */
    public static SpindleSqlParser.SingleExpressionContext parseExpression(String text)
    {
        return parser(text).singleExpression();
    }

    private static SpindleSqlParser parser(String sql)
    {
        requireNonNull(sql, "sql is null");
        ThrowingListener listener = new ThrowingListener(sql);
        SpindleSqlLexer lexer = new SpindleSqlLexer(CharStreams.fromString(sql));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        SpindleSqlParser parser = new SpindleSqlParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        return parser;
    }

    private static final class ThrowingListener
            extends BaseErrorListener
    {
        private final String sql;

        ThrowingListener(String sql)
        {
            this.sql = sql;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine, String msg, RecognitionException e)
        {
            throw new ParseException(line, charPositionInLine, msg, sql);
        }
    }
}
