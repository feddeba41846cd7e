/*
 * Spindle's SQL: queries in Spark SQL's dialect and the few statements the session understands.
 * Keywords are case-insensitive. Words listed in `nonReserved` may also name tables and columns.
 */
grammar SpindleSql;

options { caseInsensitive = true; }

singleStatement
    : statement ';'* EOF
    ;

// an expression on its own, as functions.expr, selectExpr and filter(String) take it
singleExpression
    : expression (AS? alias=identifier)? EOF
    ;

statement
    : query                                                                   #queryStatement
    | CREATE (OR REPLACE)? (TEMPORARY | TEMP) VIEW viewName=identifier
        USING format=identifier (OPTIONS optionList)?                         #createViewUsing
    | CREATE (OR REPLACE)? (TEMPORARY | TEMP) VIEW viewName=identifier
        columnAliases? AS query                                               #createViewAs
    | CREATE TABLE tableName=identifier USING format=identifier
        (LOCATION location=STRING)? (AS? query)?                              #createTable
    | INSERT (OVERWRITE TABLE? | INTO TABLE?) tableName=multipartName query   #insert
    | ANALYZE TABLE tableName=multipartName COMPUTE STATISTICS
        (FOR COLUMNS identifier (',' identifier)* | FOR ALL COLUMNS)?         #analyze
    | EXPLAIN explainMode=(EXTENDED | FORMATTED | COST)? query                       #explain
    | SHOW TABLES                                                             #showTables
    | (DESCRIBE | DESC) TABLE? EXTENDED? tableName=multipartName              #describe
    ;

optionList
    : '(' option (',' option)* ')'
    ;

option
    : key=identifier '='? value=STRING
    ;

query
    : withClause? queryTerm orderByClause? limitClause? offsetClause?
    ;

withClause
    : WITH namedQuery (',' namedQuery)*
    ;

namedQuery
    : name=identifier columnAliases? AS '(' query ')'
    ;

// INTERSECT binds tighter than UNION and EXCEPT, which go left to right
queryTerm
    : queryPrimary                                                            #primaryTerm
    | left=queryTerm operator=INTERSECT setQuantifier? right=queryTerm         #setOperation
    | left=queryTerm operator=(UNION | EXCEPT | MINUS) setQuantifier? right=queryTerm #setOperation
    ;

queryPrimary
    : querySpecification                                                      #selectPrimary
    | '(' query ')'                                                           #nestedQuery
    | inlineTable                                                             #valuesPrimary
    ;

// VALUES (1, 'a'), (2, 'b'): rows of constants, columns named col1, col2, ... unless aliased
inlineTable
    : VALUES rowConstructor (',' rowConstructor)*
    ;

rowConstructor
    : '(' expression (',' expression)* ')'
    | expression
    ;

querySpecification
    : SELECT setQuantifier? selectItem (',' selectItem)*
      (FROM relation (',' relation)*)?
      (WHERE where=booleanExpression)?
      (GROUP BY groupBy)?
      (HAVING having=booleanExpression)?
    ;

// the forms of Spark's GROUP BY; grouping sets first, so that ROLLUP(...) is not read as a function call
groupBy
    : kind=(ROLLUP | CUBE) '(' groupKeys+=expression (',' groupKeys+=expression)* ')'
    | kind=GROUPING SETS '(' groupingSet (',' groupingSet)* ')'
    | groupKeys+=expression (',' groupKeys+=expression)* (WITH kind=(ROLLUP | CUBE))?
    ;

// an aggregate over only the rows that pass: count(*) FILTER (WHERE x > 0)
filterClause
    : FILTER '(' WHERE where=booleanExpression ')'
    ;

groupingSet
    : '(' (setKeys+=expression (',' setKeys+=expression)*)? ')'
    | setKeys+=expression
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

selectItem
    : (qualifier=identifier '.')? '*'                                         #selectAll
    | expression (AS? alias=identifier)?                                      #selectExpression
    ;

orderByClause
    : ORDER BY sortItem (',' sortItem)*
    ;

sortItem
    : expression direction=(ASC | DESC)? (NULLS nullOrder=(FIRST | LAST))?
    ;

limitClause
    : LIMIT (ALL | count=INTEGER_VALUE)
    ;

// rows to skip, after the ORDER BY and before the LIMIT counts, as Spark 3.4
offsetClause
    : OFFSET offset=INTEGER_VALUE
    ;

relation
    : relationPrimary joinClause*
    ;

joinClause
    : joinType JOIN right=relationPrimary joinCriteria?
    | CROSS JOIN right=relationPrimary
    ;

joinType
    : INNER?
    | LEFT OUTER?
    | RIGHT OUTER?
    | FULL OUTER?
    | LEFT? SEMI
    | LEFT? ANTI
    ;

joinCriteria
    : ON booleanExpression
    | USING '(' identifier (',' identifier)* ')'
    ;

relationPrimary
    : multipartName tableAlias                                                #tableReference
    | '(' query ')' tableAlias                                                #derivedTable
    | '(' relation ')' tableAlias                                             #parenthesizedRelation
    | inlineTable tableAlias                                                  #inlineTableReference
    ;

tableAlias
    : (AS? identifier columnAliases?)?
    ;

columnAliases
    : '(' identifier (',' identifier)* ')'
    ;

multipartName
    : identifier ('.' identifier)*
    ;

expression
    : booleanExpression
    ;

booleanExpression
    : NOT booleanExpression                                                   #logicalNot
    | EXISTS '(' query ')'                                                    #exists
    | valueExpression predicate?                                              #predicated
    | left=booleanExpression operator=AND right=booleanExpression             #logicalBinary
    | left=booleanExpression operator=OR right=booleanExpression              #logicalBinary
    ;

predicate
    : NOT? kind=BETWEEN lower=valueExpression AND upper=valueExpression
    | NOT? kind=IN '(' query ')'
    | NOT? kind=IN '(' expression (',' expression)* ')'
    | NOT? kind=(LIKE | RLIKE) pattern=valueExpression
    | IS NOT? kind=NULL
    ;

valueExpression
    : primaryExpression                                                       #primaryValue
    | operator=('-' | '+') valueExpression                                    #unaryArithmetic
    | left=valueExpression operator=('*' | '/' | '%') right=valueExpression   #binaryArithmetic
    | left=valueExpression operator=('+' | '-') right=valueExpression         #binaryArithmetic
    | left=valueExpression operator='||' right=valueExpression                #concatenation
    | left=valueExpression comparisonOperator right=valueExpression           #comparison
    ;

comparisonOperator
    : '=' | '==' | '<>' | '!=' | '<' | '<=' | '>' | '>='
    ;

primaryExpression
    : CASE operand=valueExpression? whenClause+ (ELSE elseValue=expression)? END  #caseExpression
    | CAST '(' expression AS dataType ')'                                     #cast
    | EXTRACT '(' field=identifier FROM valueExpression ')'                   #extract
    | SUBSTRING '(' valueExpression FROM start=valueExpression
        (FOR length=valueExpression)? ')'                                     #substringFrom
    | INTERVAL sign='-'? value=(STRING | INTEGER_VALUE) unit=identifier
        ('(' INTEGER_VALUE ')')?                                              #interval
    | side=(LEFT | RIGHT) '(' expression ',' expression ')'                    #leftOrRight
    | literal                                                                 #literalValue
    | '(' query ')'                                                           #scalarSubquery
    | function=multipartName '(' '*' ')' filterClause? overClause?            #starCall
    | function=multipartName '(' (setQuantifier? expression (',' expression)*)? ')' filterClause? overClause? #functionCall
    | multipartName                                                           #columnReference
    | '(' expression ')'                                                      #parenthesized
    ;

whenClause
    : WHEN condition=expression THEN value=expression
    ;

overClause
    : OVER '(' (PARTITION BY partitionKeys+=expression (',' partitionKeys+=expression)*)?
      (ORDER BY sortItem (',' sortItem)*)? windowFrame? ')'
    ;

windowFrame
    : frameType=(ROWS | RANGE) BETWEEN start=frameBound AND end=frameBound
    | frameType=(ROWS | RANGE) start=frameBound
    ;

frameBound
    : UNBOUNDED boundType=(PRECEDING | FOLLOWING)
    | CURRENT ROW
    | offset=INTEGER_VALUE boundType=(PRECEDING | FOLLOWING)
    ;

literal
    : NULL                                                                    #nullLiteral
    | (TRUE | FALSE)                                                          #booleanLiteral
    | INTEGER_VALUE                                                           #integerLiteral
    | BIGINT_VALUE                                                            #bigintLiteral
    | DECIMAL_VALUE                                                           #decimalLiteral
    | DOUBLE_VALUE                                                            #doubleLiteral
    | STRING+                                                                 #stringLiteral
    | DATE STRING                                                             #dateLiteral
    ;

dataType
    : name=identifier ('(' INTEGER_VALUE (',' INTEGER_VALUE)? ')')?
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | nonReserved
    ;

nonReserved
    : ANALYZE | COLUMNS | COMPUTE | INSERT | INTO | LOCATION | OVERWRITE | STATISTICS
    | COST | CURRENT | DATE | DESCRIBE | EXPLAIN | EXTENDED | EXTRACT | FIRST | FOLLOWING | FORMATTED | LAST
    | NULLS | OPTIONS | OVER | PARTITION | PRECEDING | RANGE | REPLACE | ROW | ROWS | SHOW | SUBSTRING
    | TABLE | TABLES | TEMP | TEMPORARY | UNBOUNDED | VIEW | SEMI | ANTI | MINUS | RLIKE
    | ROLLUP | CUBE | GROUPING | SETS | FILTER | OFFSET
    ;

ALL: 'ALL';
ANALYZE: 'ANALYZE';
AND: 'AND';
ANTI: 'ANTI';
AS: 'AS';
ASC: 'ASC';
BETWEEN: 'BETWEEN';
BY: 'BY';
CASE: 'CASE';
CUBE: 'CUBE';
CAST: 'CAST';
COLUMNS: 'COLUMNS';
COMPUTE: 'COMPUTE';
COST: 'COST';
CREATE: 'CREATE';
CROSS: 'CROSS';
CURRENT: 'CURRENT';
DATE: 'DATE';
DESC: 'DESC';
DESCRIBE: 'DESCRIBE';
DISTINCT: 'DISTINCT';
ELSE: 'ELSE';
END: 'END';
EXCEPT: 'EXCEPT';
EXISTS: 'EXISTS';
EXPLAIN: 'EXPLAIN';
EXTENDED: 'EXTENDED';
EXTRACT: 'EXTRACT';
FALSE: 'FALSE';
FILTER: 'FILTER';
FIRST: 'FIRST';
FOLLOWING: 'FOLLOWING';
FOR: 'FOR';
FORMATTED: 'FORMATTED';
FROM: 'FROM';
GROUPING: 'GROUPING';
FULL: 'FULL';
GROUP: 'GROUP';
HAVING: 'HAVING';
IN: 'IN';
INNER: 'INNER';
INSERT: 'INSERT';
INTERSECT: 'INTERSECT';
INTERVAL: 'INTERVAL';
INTO: 'INTO';
IS: 'IS';
JOIN: 'JOIN';
LAST: 'LAST';
LEFT: 'LEFT';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
LOCATION: 'LOCATION';
MINUS: 'MINUS';
NOT: 'NOT' | '!';
NULL: 'NULL';
NULLS: 'NULLS';
ON: 'ON';
OFFSET: 'OFFSET';
OPTIONS: 'OPTIONS';
OR: 'OR';
ORDER: 'ORDER';
OUTER: 'OUTER';
OVER: 'OVER';
OVERWRITE: 'OVERWRITE';
PARTITION: 'PARTITION';
PRECEDING: 'PRECEDING';
RANGE: 'RANGE';
REPLACE: 'REPLACE';
RIGHT: 'RIGHT';
RLIKE: 'RLIKE';
ROW: 'ROW';
ROLLUP: 'ROLLUP';
ROWS: 'ROWS';
SELECT: 'SELECT';
SEMI: 'SEMI';
SETS: 'SETS';
SHOW: 'SHOW';
STATISTICS: 'STATISTICS';
SUBSTRING: 'SUBSTRING';
TABLE: 'TABLE';
TABLES: 'TABLES';
TEMP: 'TEMP';
TEMPORARY: 'TEMPORARY';
THEN: 'THEN';
TRUE: 'TRUE';
UNBOUNDED: 'UNBOUNDED';
UNION: 'UNION';
USING: 'USING';
VALUES: 'VALUES';
VIEW: 'VIEW';
WHEN: 'WHEN';
WHERE: 'WHERE';
WITH: 'WITH';

// as in Spark, single and double quotes both delimit strings; a doubled quote stands for itself
STRING
    : '\'' ( ~'\'' | '\'\'' )* '\''
    | '"' ( ~'"' | '""' )* '"'
    ;

BIGINT_VALUE
    : DIGIT+ 'L'
    ;

INTEGER_VALUE
    : DIGIT+
    ;

DECIMAL_VALUE
    : DIGIT+ '.' DIGIT*
    | '.' DIGIT+
    ;

DOUBLE_VALUE
    : (DIGIT+ ('.' DIGIT*)? | '.' DIGIT+) EXPONENT
    | (DIGIT+ ('.' DIGIT*)? | '.' DIGIT+) 'D'
    ;

IDENTIFIER
    : (LETTER | '_') (LETTER | DIGIT | '_')*
    ;

QUOTED_IDENTIFIER
    : '`' ( ~'`' | '``' )* '`'
    ;

fragment EXPONENT: 'E' [+-]? DIGIT+;
fragment DIGIT: [0-9];
fragment LETTER: [A-Z];

LINE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
WS: [ \t\r\n]+ -> channel(HIDDEN);

// any other character becomes a token the parser rejects with its position, instead of a lexer error
UNRECOGNIZED: .;
