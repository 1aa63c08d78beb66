using System.Globalization;

namespace Xinfang.Text;

/// <summary>
/// Versioned model files in a folder: one file per training, named by model version, newest loaded.
/// Keeping old files lets an administrator roll back a bad retrain by deleting the newest file.
/// (With several app instances, store the bytes of <see cref="ClassifierModel.Save"/> in the
/// database instead, or put this folder on shared storage.)
/// </summary>
public static class ClassifierModelFiles
{
    private const string Prefix = "content-classifier-";
    private const string Extension = ".xftc";

    /// <summary>Writes the model as <c>content-classifier-{trainedAt:yyyyMMddHHmmss}-{version}.xftc</c> and returns the path.</summary>
    public static string Save(string directory, ClassifierModel model)
    {
        Directory.CreateDirectory(directory);
        var safeVersion = string.Concat(model.ModelVersion.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{model.TrainedAt.UtcDateTime:yyyyMMddHHmmss}-{safeVersion}{Extension}");
        var path = Path.Combine(directory, name);
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        {
            model.Save(file);
        }

        // Write then rename, so a reader never sees half a model.
        File.Move(temp, path, overwrite: true);
        return path;
    }

    /// <summary>Loads the newest model in the folder, or returns null when there is none (use the keyword fallback).</summary>
    public static ClassifierModel? LoadLatest(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        var newest = Directory.GetFiles(directory, Prefix + "*" + Extension).Order(StringComparer.Ordinal).LastOrDefault();
        if (newest is null)
        {
            return null;
        }

        using var file = File.OpenRead(newest);
        return ClassifierModel.Load(file);
    }
}
