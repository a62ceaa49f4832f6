namespace Backprop.Cli.Plots;

/// <summary>A run of Jacobian columns drawn side by side as one heat map.</summary>
/// <param name="Label">The block's label, or null for columns no block names.</param>
/// <param name="StartColumn">The first column of J (first θ index) in the run.</param>
/// <param name="ColumnCount">The number of columns of J in the run.</param>
/// <param name="Left">The left edge on the display axis, in [0, 1].</param>
/// <param name="Right">The right edge on the display axis, in [0, 1].</param>
/// <param name="DisplayColumns">
/// The number of cells drawn; at most <paramref name="ColumnCount"/>, so one cell pools
/// several columns of J when the run is wide.
/// </param>
internal readonly record struct HeatmapSegment(
    string? Label,
    int StartColumn,
    int ColumnCount,
    double Left,
    double Right,
    int DisplayColumns);
